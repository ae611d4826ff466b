import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeOptions, RunNodeResult } from '../../tools/harness/runNode';
import { runNode } from '../../tools/harness/runNode';
// The simulator is plain JavaScript so it can also run standalone (npm run simulator).
import { startSimulator } from '../../tools/simulator';

/** The simulator's API token: a test value, not a secret. */
export const TOKEN = ['sim', 'token', '7f3a9c'].join('-');
export const CHANNEL = '1234567890123456789';

export interface LogRecord {
	/** ms since the simulator started (same clock as the test). */
	t: number;
	method: string;
	path: string;
	query: IDataObject;
	status?: number;
	body?: IDataObject;
	stream?: boolean;
	sseEvents?: number;
	disconnectedEarly?: boolean;
	/** The stream was cut by a dropAfterEvents fault. */
	dropped?: boolean;
	jobid?: string;
}

export interface Simulator {
	url: string;
	token: string;
	log: LogRecord[];
	callbacks: Array<{ url: string; status: number | string; body: IDataObject }>;
	jobs: Map<string, IDataObject>;
	setFaults(faults: IDataObject): void;
	configure(options: IDataObject): void;
	expireJob(jobid: string): void;
	stats(): IDataObject;
	reset(): void;
	close(): Promise<void>;
}

/** One simulator for a test file, reset before each test, plus shortcuts to run the node. */
export function useSimulator(options: IDataObject = {}) {
	const session = {
		sim: undefined as unknown as Simulator,
		async run(
			parameters: RunNodeOptions['parameters'],
			extra: Partial<Omit<RunNodeOptions, 'parameters' | 'credentials'>> & {
				token?: string;
				discordToken?: string;
			} = {},
		): Promise<RunNodeResult> {
			const { token, discordToken, ...rest } = extra;
			return await runNode({
				parameters,
				credentials: { apiToken: token ?? TOKEN, baseUrl: session.sim.url, discordToken },
				...rest,
			});
		},
		/** Requests that could create a job (the ones that must never be duplicated). */
		jobPosts(): LogRecord[] {
			return session.sim.log.filter(
				(r) => r.method === 'POST' && r.path.startsWith('/v3/midjourney/jobs/'),
			);
		},
		requests(method: string, pathPrefix: string): LogRecord[] {
			return session.sim.log.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
		},
	};

	beforeAll(async () => {
		session.sim = (await startSimulator({
			port: 0,
			token: TOKEN,
			jobDurationMs: 150,
			progressSteps: 3,
			...options,
		})) as Simulator;
	});
	beforeEach(() => session.sim.reset());
	afterAll(async () => await session.sim.close());
	return session;
}

/** Waits until `check` holds, for assertions on things that happen after the node returned. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await sleep(20);
	}
}

/** Every string the node produced, for "the token never shows" checks. */
export function everythingVisible(result: RunNodeResult): string {
	return JSON.stringify({
		items: result.items,
		error: result.error && {
			message: result.error.message,
			description: result.error.description,
			context: result.error.context,
			cause: (result.error as { cause?: unknown }).cause,
			stack: result.error.stack,
		},
		runData: result.run.data.resultData,
	});
}
