import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeOptions, RunNodeResult } from '../../../tools/harness/runNode';
import { runNode } from '../../../tools/harness/runNode';
// The simulator is plain JavaScript so it can also run standalone.
import { startLegnextSimulator } from '../../../tools/simulator-legnext';

/** The Legnext simulator's API key: a test value, not a secret. */
export const LEGNEXT_KEY = ['sim', 'legnext', 'key', '7e41'].join('-');

export interface LegnextLogRecord {
	seq: number;
	method: string;
	path: string;
	query: IDataObject;
	status?: number | string;
	body?: IDataObject;
	jobId?: string;
}

export interface LegnextSimulator {
	url: string;
	cdnUrl: string;
	key: string;
	log: LegnextLogRecord[];
	cdnLog: Array<{ method: string; path: string; status: number; sentKey: boolean }>;
	callbacks: Array<{
		url: string;
		status: number | string;
		body: IDataObject;
		jobId: string;
		jobStatus: string;
	}>;
	tasks: Map<string, IDataObject>;
	wallet: { points: number; credits: number; frozen: number };
	setFaults(faults: IDataObject): void;
	configure(options: IDataObject): void;
	setBalance(balance: { points?: number; credits?: number }): void;
	stats(): IDataObject & { maxConcurrent: number; submitted: number };
	reset(): void;
	close(): Promise<void>;
}

const TASK_POST = /^\/api\/v1\/(?!job\/)/;

/** One Legnext simulator for a test file, reset before each test, and the node to run against it. */
export function useLegnextSimulator(options: IDataObject = {}) {
	const session = {
		sim: undefined as unknown as LegnextSimulator,
		async run(
			parameters: IDataObject,
			extra: Partial<Omit<RunNodeOptions, 'parameters' | 'credentials' | 'node'>> & {
				token?: string;
				baseUrl?: string;
			} = {},
		): Promise<RunNodeResult> {
			const { token, baseUrl, ...rest } = extra;
			return await runNode({
				node: 'midjourneyLegnext',
				parameters: { resource: 'image', ...parameters } as INodeParameters,
				credentials: { apiToken: token ?? LEGNEXT_KEY, baseUrl: baseUrl ?? session.sim.url },
				...rest,
			});
		},
		/** Requests that create a task (the ones that must never be duplicated). */
		jobPosts(): LegnextLogRecord[] {
			return session.sim.log.filter((r) => r.method === 'POST' && TASK_POST.test(r.path));
		},
		/** Task-creating POSTs Legnext accepted (HTTP 200). */
		acceptedPosts(): LegnextLogRecord[] {
			return session.jobPosts().filter((r) => r.status === 200);
		},
		reads(): LegnextLogRecord[] {
			return session.sim.log.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/job/'));
		},
		/** A task made directly on the simulator and waited for (a parent for follow-ups). */
		async completedTask(
			path = '/api/v1/diffusion',
			body: IDataObject = { text: 'a parent [[ms=60]]' },
		) {
			const headers = { 'x-api-key': LEGNEXT_KEY, 'content-type': 'application/json' };
			const created = await fetch(`${session.sim.url}${path}`, {
				method: 'POST',
				headers,
				body: JSON.stringify(body),
			});
			const task = (await created.json()) as IDataObject;
			const jobId = String(task.job_id);
			for (;;) {
				const read = await fetch(`${session.sim.url}/api/v1/job/${jobId}`, { headers });
				const status = ((await read.json()) as IDataObject).status;
				if (status === 'completed') return jobId;
				if (status === 'failed') throw new Error(`parent ${jobId} failed`);
				await sleep(20);
			}
		},
	};

	beforeAll(async () => {
		session.sim = (await startLegnextSimulator({
			key: LEGNEXT_KEY,
			jobDurationMs: 150,
			...options,
		})) as unknown as LegnextSimulator;
	});
	beforeEach(() => session.sim.reset());
	afterAll(async () => await session.sim.close());
	return session;
}
