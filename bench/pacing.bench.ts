import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeName } from '../tools/harness/runNode';
import { runNode } from '../tools/harness/runNode';
import { startSimulator } from '../tools/simulator';
import { startV1Simulator } from '../tools/simulator-v1';
import { startV2Simulator } from '../tools/simulator-v2';
import { machineLoad, record, setting } from './report';

/**
 * Waiting at the limit (issue 23): each case against its API's simulator, timed against the
 * ideal computed from the jobs' actual times on the simulator (created → final, scheduled in
 * input order on the capacity's lanes, each job seen the moment it ends), and the same batch
 * without the fault where the goal is relative to it. Every run also counts reads per job and
 * checks that no job was duplicated (two accepted POSTs of one prompt) or lost (an item that
 * did not complete).
 */
const TOKEN = ['bench', 'pacing', 'token'].join('-');
const JOB_MS = setting('BENCH_PACING_JOB_MS', 2000);

interface SimLog {
	method: string;
	path: string;
	status?: number | string | null;
	body?: IDataObject;
}

interface Simulator {
	url: string;
	log: SimLog[];
	jobs: Map<string, IDataObject>;
	reset(): void;
	setFaults(faults: IDataObject): void;
	close(): Promise<void>;
}

/** How one API's simulator tells its job posts, job reads and job times apart. */
interface ApiShape {
	node: NodeName;
	isJobPost: (r: SimLog) => boolean;
	isJobRead: (r: SimLog) => boolean;
	promptOf: (r: SimLog) => string;
	/** created → final, in ms, of one simulator job (undefined while running). */
	durationOf: (job: IDataObject) => number | undefined;
}

const span = (from: unknown, to: unknown) =>
	typeof from === 'string' && typeof to === 'string'
		? Date.parse(to) - Date.parse(from)
		: undefined;

const FINAL_V3 = ['completed', 'failed', 'moderated'];

const V3: ApiShape = {
	node: 'midjourney',
	isJobPost: (r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine',
	isJobRead: (r) => r.method === 'GET' && r.path.startsWith('/v3/midjourney/jobs/j'),
	promptOf: (r) => String(r.body?.prompt ?? ''),
	durationOf: (job) =>
		FINAL_V3.includes(String(job.status)) ? span(job.created, job.updated) : undefined,
};

const V2: ApiShape = {
	node: 'midjourneyLegacy',
	isJobPost: (r) => r.method === 'POST' && r.path === '/v2/jobs/imagine',
	isJobRead: (r) => r.method === 'GET' && r.path.startsWith('/v2/jobs'),
	promptOf: (r) => String(r.body?.prompt ?? ''),
	durationOf: (job) =>
		FINAL_V3.includes(String(job.status)) ? span(job.created, job.updated) : undefined,
};

const V1: ApiShape = {
	node: 'midjourneyV1Api',
	isJobPost: (r) => r.method === 'POST' && r.path === '/v1/imagine',
	isJobRead: (r) => r.method === 'GET' && r.path.startsWith('/v1/jobs/'),
	promptOf: (r) => String(r.body?.prompt ?? ''),
	durationOf: (job) => span(job.created_at, job.completed_at ?? undefined),
};

/** Job durations of ±`jitter` around `ms`, the same every run (a fixed pseudo-random sequence). */
function jittered(count: number, ms: number, jitter: number): number[] {
	let seed = 7;
	return Array.from({ length: count }, () => {
		seed = (seed * 16807) % 2147483647;
		return Math.round(ms * (1 - jitter + 2 * jitter * (seed / 2147483647)));
	});
}

/** The makespan of `durations` run in input order on `capacity` lanes, each job seen at its end. */
function bestSchedule(durations: number[], capacity: number): number {
	const lanes = Array<number>(capacity).fill(0);
	for (const duration of durations) {
		const lane = lanes.indexOf(Math.min(...lanes));
		lanes[lane] += duration;
	}
	return Math.max(...lanes);
}

interface RunFigures {
	makespan: number;
	/** The best schedule of the jobs' actual times on the simulator. */
	ideal: number;
	completed: number;
	items: number;
	readsPerJob: number;
	posts: number;
	busy: number;
	duplicated: number;
	lost: number;
}

async function runBatch(
	sim: Simulator,
	api: ApiShape,
	durations: number[],
	capacity: number,
	parameters: IDataObject,
	faults: IDataObject = {},
): Promise<RunFigures> {
	sim.reset();
	sim.setFaults(faults);
	const started = Date.now();
	const result = await runNode({
		node: api.node,
		parameters: {
			resource: 'job',
			operation: 'imagine',
			prompt: '={{ $json.prompt }}',
			...parameters,
		} as INodeParameters,
		items: durations.map((ms, i) => ({ prompt: `pacing job ${i} [[ms=${ms}]]` })),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	const makespan = Date.now() - started;
	const completed = result.items.filter((item) => item.json.status === 'completed').length;
	const posts = sim.log.filter(api.isJobPost);
	const accepted = posts.filter((p) => typeof p.status === 'number' && p.status < 300);
	const perPrompt = new Map<string, number>();
	for (const post of accepted)
		perPrompt.set(api.promptOf(post), (perPrompt.get(api.promptOf(post)) ?? 0) + 1);
	const actual = [...sim.jobs.values()]
		.map(api.durationOf)
		.filter((d): d is number => d !== undefined);
	return {
		makespan,
		ideal: bestSchedule(actual, capacity),
		completed,
		items: durations.length,
		readsPerJob: sim.log.filter(api.isJobRead).length / durations.length,
		posts: posts.length,
		busy: posts.filter((p) => p.status === 429).length,
		duplicated: [...perPrompt.values()].filter((n) => n > 1).length,
		lost: durations.length - completed,
	};
}

const row = (label: string, f: RunFigures, ratio: string) =>
	`| ${label} | ${f.makespan} ms | ${f.ideal} ms | ${ratio} | ${f.completed}/${f.items} | ${f.readsPerJob.toFixed(2)} | ${f.posts} (${f.busy} × 429) | ${f.duplicated} | ${f.lost} |`;

const HEADER = [
	'| run | makespan | ideal (actual job times) | ratio | completed | job reads per job | job POSTs | duplicated | lost |',
	'|---|---|---|---|---|---|---|---|---|',
];

const times = (f: RunFigures) => `${(f.makespan / f.ideal).toFixed(2)}× ideal`;
const versus = (f: RunFigures, base: RunFigures) =>
	`${(f.makespan / base.makespan).toFixed(2)}× no-fault`;

test('(a) Midjourney /v1, 6 items at capacity 2, default options: the 429 of the third submit', async () => {
	const sim = (await startV1Simulator({ port: 0, token: TOKEN, capacity: 2 })) as Simulator;
	const six = Array(6).fill(JOB_MS);
	const f = await runBatch(sim, V1, six, 2, { options: {} });
	await sim.close();
	record('9a. Midjourney /v1 at a capacity the API does not report', [
		`6 imagines of ${JOB_MS} ms, default options (Poll, Max Concurrent Jobs 0 → 3 at once, Busy Retry 10–30 s), on an account that runs 2 at once: the third submit is answered 429. Goal: ≤ 1.5× ideal. Machine: ${machineLoad()}.`,
		'',
		...HEADER,
		row('/v1, default options', f, times(f)),
	]);
});

test('(b) useapi v2, 4 items at capacity 3, Poll', async () => {
	const sim = (await startV2Simulator({ port: 0, token: TOKEN })) as Simulator;
	const four = jittered(4, JOB_MS, 0.3);
	const f = await runBatch(sim, V2, four, 3, { waitMode: 'poll', options: {} });
	await sim.close();
	record('9b. useapi v2 Poll', [
		`4 imagines of ${JOB_MS} ms ± 30 % at capacity 3 (the account's maxJobs), Poll with default settings. Goal: ≤ 1.25× ideal. Machine: ${machineLoad()}.`,
		'',
		...HEADER,
		row('v2, Poll', f, times(f)),
	]);
});

test('(c) useapi v3, SSE dropped after 3 events, 6 jobs at capacity 3', async () => {
	const sim = (await startSimulator({ port: 0, token: TOKEN, progressSteps: 3 })) as Simulator;
	const six = Array(6).fill(JOB_MS);
	const calm = await runBatch(sim, V3, six, 3, { waitMode: 'stream', options: {} });
	const dropped = await runBatch(
		sim,
		V3,
		six,
		3,
		{ waitMode: 'stream', options: {} },
		{
			dropAfterEvents: { after: 3, count: 6 },
		},
	);
	await sim.close();
	record('9c. useapi v3 Stream, every stream dropped after 3 events', [
		`6 imagines of ${JOB_MS} ms at capacity 3, Stream; every stream cut after its 3rd event (initialized, created, started), side by side with the same batch without drops. Goal: ≤ 1.15× the no-drop run. Machine: ${machineLoad()}.`,
		'',
		...HEADER,
		row('no drops', calm, times(calm)),
		row(
			'every stream dropped after 3 events',
			dropped,
			`${versus(dropped, calm)} (${times(dropped)})`,
		),
	]);
});

test('(d) useapi v3, 503 "Failed to process your command" on 2 of 6 items', async () => {
	const sim = (await startSimulator({ port: 0, token: TOKEN, progressSteps: 3 })) as Simulator;
	const six = Array(6).fill(JOB_MS);
	const calm = await runBatch(sim, V3, six, 3, { waitMode: 'stream', options: {} });
	const one = await runBatch(
		sim,
		V3,
		six,
		3,
		{ waitMode: 'stream', options: {} },
		{ submitErrors: [503] },
	);
	const two = await runBatch(
		sim,
		V3,
		six,
		3,
		{ waitMode: 'stream', options: {} },
		{ submitErrors: [503, 503] },
	);
	await sim.close();
	record('9d. useapi v3, documented 503 on submit', [
		`6 imagines of ${JOB_MS} ms at capacity 3, Stream; the first 1 or 2 submits answered the documented 503 "Failed to process your command" (nothing created), side by side with the same batch without faults. Goal: ≤ 2× the no-fault makespan. Machine: ${machineLoad()}.`,
		'',
		...HEADER,
		row('no faults', calm, times(calm)),
		row('one 503', one, versus(one, calm)),
		row('two 503s', two, versus(two, calm)),
	]);
});

test('(e) useapi v3 Poll (default), 30 at capacity 3, jitter 0.3', async () => {
	const sim = (await startSimulator({ port: 0, token: TOKEN, progressSteps: 3 })) as Simulator;
	const thirty = jittered(30, JOB_MS, 0.3);
	const f = await runBatch(sim, V3, thirty, 3, { waitMode: 'poll', options: {} });
	await sim.close();
	record('9e. useapi v3 Poll at default settings', [
		`30 imagines of ${JOB_MS} ms ± 30 % at capacity 3, Poll with default settings. Goal: ratio ideal / makespan ≥ 0.95 with ≤ 3 job reads per job. Machine: ${machineLoad()}.`,
		'',
		...HEADER,
		row('v3, Poll', f, (f.ideal / f.makespan).toFixed(3)),
	]);
});
