/**
 * The fault suite's shared checks. Every case runs the node (runNode / resume) against the
 * simulator and then asserts the same invariants on the node's outputs and the simulator's
 * request log:
 *   - no lost item: every input item has an output item, or the run failed with a clear error;
 *   - no duplicated job: per item at most one POST that could have created a job (429 and 503
 *     answers are the only repeats allowed);
 *   - every job the node gave up on was cancelled (DELETE), and no other job was;
 *   - no secret (API token, Discord token) anywhere the node or the simulator wrote it: each test
 *     file collects everything its tests produced and scans it in an afterAll.
 */
import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';
import { allStrings } from '../helpers/secretScan';

import type { RunNodeOptions, RunNodeResult } from '../../tools/harness/runNode';
import { runNode } from '../../tools/harness/runNode';
import type { LogRecord } from '../helpers/simulatorSession';
import { TOKEN, eventually, useSimulator } from '../helpers/simulatorSession';

/** A Discord token for Account → Configure: test data, not a secret (built so it does not look hardcoded). */
export const DISCORD = [
	'MTE5ODc2NTQzMjEwOTg3NjU0Mw',
	'GfAuLt',
	'fault-suite-discord-value-0042',
].join('.');

export const JOB_POST = '/v3/midjourney/jobs/';
const RUNNING = ['created', 'started', 'progress'];
const CANCELLED_BY_USER = 'Job cancelled by user';

/** Fast busy retries and polling, so faults cost milliseconds rather than the defaults' seconds. */
export const FAST = { busyRetryMinSeconds: 0.05, busyRetryMaxSeconds: 0.1, pollInterval: 0.1 };

export function imagine(
	prompt: string,
	waitMode = 'stream',
	options: IDataObject = {},
	extra: IDataObject = {},
) {
	return {
		resource: 'job',
		operation: 'imagine',
		prompt,
		waitMode,
		options: { ...FAST, ...options },
		...extra,
	};
}

export function prompts(...list: string[]): IDataObject[] {
	return list.map((prompt) => ({ prompt }));
}

// ---- secrets -------------------------------------------------------------------------------

/**
 * The secrets found in `value` (empty when none), wherever n8n keeps or shows them: errors, run
 * data and the node definitions an execution carries, parameters included (test/helpers/secretScan).
 */
export function secretsIn(value: unknown, secrets: string[]): string[] {
	const strings = allStrings(value);
	return secrets.filter((secret) => strings.some((text) => text.includes(secret)));
}

// ---- the session ---------------------------------------------------------------------------

export interface ResumeRecord {
	body: IDataObject;
	response: IWebhookResponseData;
}

/** One simulator per test file, a run() that records what each run produced, and the afterAll secret scan. */
export function useFaultSession(options: IDataObject = {}) {
	const base = useSimulator(options);
	/** Everything the node or the simulator produced in this file: scanned for secrets at the end. */
	const produced: Array<{ test: string; what: string; value: unknown }> = [];
	const current = () => expect.getState().currentTestName ?? '(hook)';

	const session = {
		get sim() {
			return base.sim;
		},
		jobPosts: () => base.jobPosts(),
		requests: (method: string, prefix: string) => base.requests(method, prefix),

		async run(
			parameters: RunNodeOptions['parameters'],
			extra: Partial<Omit<RunNodeOptions, 'parameters' | 'credentials'>> & {
				token?: string;
				baseUrl?: string;
			} = {},
		): Promise<RunNodeResult> {
			const { token, baseUrl, ...rest } = extra;
			const result = await runNode({
				parameters,
				credentials: {
					apiToken: token ?? TOKEN,
					baseUrl: baseUrl ?? base.sim.url,
					discordToken: DISCORD,
				},
				...rest,
			});
			const test = current();
			produced.push({
				test,
				what: 'run',
				value: {
					items: result.items,
					error: result.error,
					resultData: result.run.data?.resultData,
					executionData: result.run.data?.executionData,
				},
			});
			const resume = result.resume;
			result.resume = async (body: IDataObject) => {
				const response = await resume(body);
				produced.push({ test, what: 'resume', value: response });
				return response;
			};
			return result;
		},

		/** Job POSTs per prompt, in log order. */
		postsByPrompt(): Map<string, LogRecord[]> {
			const byPrompt = new Map<string, LogRecord[]>();
			for (const post of base.jobPosts()) {
				const prompt = String(post.body?.prompt ?? JSON.stringify(post.body));
				byPrompt.set(prompt, [...(byPrompt.get(prompt) ?? []), post]);
			}
			return byPrompt;
		},

		/** Job POSTs that created a job (accepted, or refused after creating one, e.g. 596). */
		acceptedPosts(): LogRecord[] {
			return base.jobPosts().filter((post) => post.jobid !== undefined);
		},

		deletesOf(jobid: string): LogRecord[] {
			return base.requests('DELETE', `${JOB_POST}${jobid}`);
		},
	};

	afterEach(() => {
		// The next test's reset empties these: keep a copy for the scan.
		produced.push({
			test: current(),
			what: 'simulator log',
			value: JSON.parse(JSON.stringify(base.sim.log)),
		});
		produced.push({
			test: current(),
			what: 'callbacks',
			value: JSON.parse(JSON.stringify(base.sim.callbacks)),
		});
	});

	afterAll(() => {
		expect(produced.filter((entry) => entry.what === 'run').length).toBeGreaterThan(0);
		const leaks = produced
			.map((entry) => ({ ...entry, found: secretsIn(entry.value, [TOKEN, DISCORD]) }))
			.filter((entry) => entry.found.length > 0)
			.map(
				(entry) =>
					`${entry.test} / ${entry.what}: ${entry.found.map((s) => (s === TOKEN ? 'API token' : 'Discord token')).join(', ')}`,
			);
		expect(leaks).toEqual([]);
		// The simulator replaces an API token found in a path, query or body with [REDACTED]: seeing
		// it means the node sent the token somewhere other than the Authorization header.
		const logs = produced.filter((entry) => entry.what === 'simulator log');
		const redacted = logs
			.filter((entry) => JSON.stringify(entry.value).includes('[REDACTED]'))
			.map((entry) => entry.test);
		expect(redacted).toEqual([]);
	});

	return session;
}

export type FaultSession = ReturnType<typeof useFaultSession>;

// ---- invariants ----------------------------------------------------------------------------

function itemsOf(items: INodeExecutionData[], index: number): INodeExecutionData[] {
	return items.filter((item) => (item.pairedItem as { item: number } | undefined)?.item === index);
}

/**
 * No lost item: without an error, every input item has at least one output item, paired to
 * it, that is either a job in a known status or carries an error message. With an error, the
 * error says what happened and what to do.
 */
export function expectNoLostItems(result: RunNodeResult, inputCount: number): void {
	if (result.error) {
		expect(result.error.message).toBeTruthy();
		expect(result.error.description).toBeTruthy();
		return;
	}
	const unclear: string[] = [];
	for (let index = 0; index < inputCount; index++) {
		const own = itemsOf(result.items, index);
		if (own.length === 0) unclear.push(`item ${index}: no output`);
		for (const item of own) {
			const { status, error } = item.json;
			const hasError = typeof error === 'string' && error.length > 0;
			if (!hasError && !['completed', 'created'].includes(status as string)) {
				unclear.push(`item ${index}: status ${String(status)} without an error`);
			}
		}
	}
	expect(unclear).toEqual([]);
}

/**
 * No duplicated job: per prompt, at most one POST could have created a job; every other POST
 * of that prompt was answered 429 (busy) or 503 (not processed).
 */
export function expectNoDuplicatePosts(session: FaultSession): void {
	const duplicated: string[] = [];
	for (const [prompt, posts] of session.postsByPrompt()) {
		const creating = posts.filter((post) => post.status !== 429 && post.status !== 503).length;
		const jobs = posts.filter((post) => post.jobid !== undefined).length;
		if (creating > 1 || jobs > 1)
			duplicated.push(`${prompt}: ${posts.map((post) => post.status).join(', ')}`);
	}
	expect(duplicated).toEqual([]);
}

/**
 * Every job the node abandoned was cancelled: eventually no job runs on the simulator any more,
 * every job that did not finish by itself ended "cancelled by user" with exactly one DELETE,
 * and no job was DELETEd twice or without need. `stillRunning` lists jobs the node handed
 * over on purpose (Don't Wait, Pause).
 */
export async function expectAbandonedJobsCancelled(
	session: FaultSession,
	{ stillRunning = [] as string[], withinMs = 3000 } = {},
): Promise<void> {
	const running = () =>
		[...session.sim.jobs.values()]
			.filter(
				(job) =>
					RUNNING.includes(job.status as string) && !stillRunning.includes(job.jobid as string),
			)
			.map((job) => `${String(job.jobid)} still ${String(job.status)}`);
	await eventually(() => running().length === 0, withinMs).catch(() => undefined);
	expect(running()).toEqual([]);
	const wrong: string[] = [];
	for (const job of session.sim.jobs.values()) {
		const deletes = session.deletesOf(job.jobid as string).length;
		const cancelled = job.error === CANCELLED_BY_USER;
		if (cancelled && deletes !== 1)
			wrong.push(`${String(job.jobid)}: cancelled with ${deletes} DELETEs`);
		if (!cancelled && deletes > 1) wrong.push(`${String(job.jobid)}: ${deletes} DELETEs`);
	}
	expect(wrong).toEqual([]);
}

/** The output item is the job's final state on the simulator (not an intermediate event). */
export function expectFinalJob(session: FaultSession, json: IDataObject): void {
	const job = session.sim.jobs.get(json.jobid as string);
	expect(job).toBeDefined();
	expect(json.status).toBe(job!.status);
	expect(json.updated).toBe(job!.updated);
	const imageUx = ((job!.response as IDataObject | undefined)?.imageUx ?? []) as Array<{
		url: string;
	}>;
	expect(json.imageUrls).toEqual(imageUx.map((media) => media.url));
}

/** Errors name the jobs that completed in the run, so their results are not lost. */
export function expectErrorNamesCompletedJobs(
	session: FaultSession,
	result: RunNodeResult,
): string[] {
	const completed = [...session.sim.jobs.values()]
		.filter((job) => job.status === 'completed')
		.map((job) => job.jobid as string);
	for (const jobid of completed) expect(result.error?.description).toContain(jobid);
	return completed;
}
