import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeOptions, RunNodeResult } from '../../tools/harness/runNode';
import { runNode } from '../../tools/harness/runNode';
// The simulator is plain JavaScript so it can also run standalone.
import { startV2Simulator } from '../../tools/simulator-v2';

/** The v2 simulator's API token: a test value, not a secret. */
export const V2_TOKEN = ['sim', 'v2', 'token', '8b4e'].join('-');
/** The channel of the simulator's one configured account (its default). */
export const V2_CHANNEL = '1234567890123456789';

export interface V2LogRecord {
	method: string;
	path: string;
	query: IDataObject;
	status?: number | string | null;
	body?: IDataObject;
	jobid?: string;
}

export interface V2Simulator {
	url: string;
	log: V2LogRecord[];
	callbacks: Array<{
		url: string;
		status: number | string;
		body: IDataObject;
		jobid: string;
		jobStatus: string;
	}>;
	jobs: Map<string, IDataObject>;
	setFaults(faults: IDataObject): void;
	configure(options: IDataObject): void;
	stats(): {
		maxConcurrent: Record<string, number>;
		responses: Record<string, number>;
		submitted: number;
	};
	reset(): void;
	close(): Promise<void>;
}

export type RunExtra = Partial<Omit<RunNodeOptions, 'parameters' | 'credentials' | 'node'>> & {
	token?: string;
};

/** One v2 simulator for a test file, reset before each test, and the Midjourney v2 (Legacy) node to run against it. */
export function useV2Simulator(options: IDataObject = {}) {
	const session = {
		sim: undefined as unknown as V2Simulator,
		async run(parameters: IDataObject, extra: RunExtra = {}): Promise<RunNodeResult> {
			const { token, ...rest } = extra;
			return await runNode({
				node: 'midjourneyLegacy',
				parameters: { resource: 'job', ...parameters } as INodeParameters,
				credentials: { apiToken: token ?? V2_TOKEN, baseUrl: session.sim.url },
				...rest,
			});
		},
		/** Requests that create a job (the ones that must never be duplicated). */
		jobPosts(): V2LogRecord[] {
			return session.sim.log.filter((r) => r.method === 'POST' && r.path === '/v2/jobs/imagine');
		},
		/** Every request to the API (image downloads excluded). */
		apiRequests(): V2LogRecord[] {
			return session.sim.log.filter((r) => r.path.startsWith('/v2/'));
		},
		reads(jobid?: string): V2LogRecord[] {
			return session.sim.log.filter(
				(r) =>
					r.method === 'GET' &&
					r.path === '/v2/jobs' &&
					(jobid === undefined || r.query.jobid === jobid),
			);
		},
		/** A completed job made directly on the simulator, for Job → Get. */
		async completedJob(prompt = 'made directly [[ms=60]]'): Promise<string> {
			const headers = { authorization: `Bearer ${V2_TOKEN}`, 'content-type': 'application/json' };
			const created = await fetch(`${session.sim.url}/v2/jobs/imagine`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ prompt }),
			});
			const { jobid } = (await created.json()) as { jobid: string };
			for (;;) {
				const read = await fetch(`${session.sim.url}/v2/jobs/?jobid=${jobid}`, { headers });
				if (((await read.json()) as IDataObject).status === 'completed') return jobid;
				await sleep(20);
			}
		},
	};

	beforeAll(async () => {
		session.sim = (await startV2Simulator({
			port: 0,
			token: V2_TOKEN,
			jobDurationMs: 150,
			...options,
		})) as V2Simulator;
	});
	beforeEach(() => session.sim.reset());
	afterAll(async () => await session.sim.close());
	return session;
}
