import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeOptions, RunNodeResult } from '../../../tools/harness/runNode';
import { runNode } from '../../../tools/harness/runNode';
// The simulator is plain JavaScript so it can also run standalone.
import { startV1Simulator } from '../../../tools/simulator-v1';

/** The /v1 simulator's API key: a test value, not a secret. */
export const V1_TOKEN = ['sim', 'v1', 'key', '51d2'].join('-');

export interface V1LogRecord {
	method: string;
	path: string;
	query: IDataObject;
	status?: number | string;
	body?: IDataObject;
	jobId?: string;
}

export interface V1Simulator {
	url: string;
	log: V1LogRecord[];
	callbacks: Array<{
		url: string;
		status: number | string;
		body: IDataObject;
		jobId: string;
		jobStatus: string;
	}>;
	jobs: Map<string, IDataObject>;
	setFaults(faults: IDataObject): void;
	configure(options: IDataObject): void;
	stats(): IDataObject;
	reset(): void;
	close(): Promise<void>;
}

const SUBMITS = ['/v1/imagine', '/v1/upscale', '/v1/variations', '/v1/describe', '/v1/blend'];

/** One /v1 simulator for a test file, reset before each test, and the Midjourney /v1 API node to run against it. */
export function useV1Simulator(options: IDataObject = {}) {
	const session = {
		sim: undefined as unknown as V1Simulator,
		async run(
			parameters: IDataObject,
			extra: Partial<Omit<RunNodeOptions, 'parameters' | 'credentials' | 'node'>> & {
				token?: string;
				baseUrl?: string;
			} = {},
		): Promise<RunNodeResult> {
			const { token, baseUrl, ...rest } = extra;
			return await runNode({
				node: 'midjourneyV1Api',
				parameters: { resource: 'job', ...parameters } as INodeParameters,
				credentials: { apiToken: token ?? V1_TOKEN, baseUrl: baseUrl ?? session.sim.url },
				...rest,
			});
		},
		/** Requests that create a job (the ones that must never be duplicated). */
		jobPosts(): V1LogRecord[] {
			return session.sim.log.filter((r) => r.method === 'POST' && SUBMITS.includes(r.path));
		},
		requests(method: string, pathPrefix: string): V1LogRecord[] {
			return session.sim.log.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
		},
		/** A completed imagine job made directly on the simulator, to start upscales and variations from. */
		async completedImagine(): Promise<string> {
			const headers = { authorization: `Bearer ${V1_TOKEN}`, 'content-type': 'application/json' };
			const created = await fetch(`${session.sim.url}/v1/imagine`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ prompt: 'a parent grid [[ms=60]]' }),
			});
			const jobId = ((await created.json()) as { data: { job_id: string } }).data.job_id;
			for (;;) {
				const read = await fetch(`${session.sim.url}/v1/jobs/${jobId}`, { headers });
				if (((await read.json()) as IDataObject).status === 'completed') return jobId;
				await sleep(20);
			}
		},
	};

	beforeAll(async () => {
		session.sim = (await startV1Simulator({
			port: 0,
			token: V1_TOKEN,
			jobDurationMs: 150,
			...options,
		})) as V1Simulator;
	});
	beforeEach(() => session.sim.reset());
	afterAll(async () => await session.sim.close());
	return session;
}
