import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { runNode } from '../tools/harness/runNode';
import { startSimulator } from '../tools/simulator';
import { record, setting } from './report';

const JOBS = 30;
const CAPACITY = 3;
const JOB_MS = setting('BENCH_JOB_MS', 2000);
const TOKEN = ['bench', 'token'].join('-');

interface Simulator {
	url: string;
	callbacks: Array<{ body: IDataObject }>;
	stats(): { maxConcurrent: Record<string, { images: number }>; responses: Record<string, number> };
	reset(): void;
	close(): Promise<void>;
}

interface BatchRun {
	makespan: number;
	completed: number;
	maxConcurrent: number;
	busy: number;
	/** For Pause Until Callback: when execute() returned (every job submitted, execution paused). */
	pausedAfter?: number;
}

function prompts() {
	return Array.from({ length: JOBS }, (_, i) => ({ prompt: `benchmark prompt ${i}` }));
}

function measure(
	sim: Simulator,
	started: number,
	items: INodeExecutionData[],
	pausedAfter?: number,
): BatchRun {
	const makespan = Date.now() - started;
	const stats = sim.stats();
	return {
		makespan,
		completed: items.filter((item) => item.json.status === 'completed').length,
		maxConcurrent: Math.max(...Object.values(stats.maxConcurrent).map((c) => c.images)),
		busy: stats.responses['429'] ?? 0,
		pausedAfter,
	};
}

async function batch(
	sim: Simulator,
	waitMode: string,
	options: INodeParameters = {},
): Promise<BatchRun> {
	sim.reset();
	const started = Date.now();
	const result = await runNode({
		parameters: {
			resource: 'job',
			operation: 'imagine',
			prompt: '={{ $json.prompt }}',
			waitMode,
			options,
		},
		items: prompts(),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	return measure(sim, started, result.items);
}

/**
 * Pause Until Callback: from the start to the moment resume() hands over the items. Every
 * callback the simulator records is delivered to the paused execution in that order (those
 * sent while the node was still submitting, when n8n would not have accepted them, right after
 * it paused).
 */
async function pausedBatch(sim: Simulator, options: INodeParameters = {}): Promise<BatchRun> {
	sim.reset();
	const started = Date.now();
	const paused = await runNode({
		parameters: {
			resource: 'job',
			operation: 'imagine',
			prompt: '={{ $json.prompt }}',
			waitMode: 'webhook',
			options,
		},
		items: prompts(),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	const pausedAfter = Date.now() - started;
	if (paused.status !== 'waiting')
		throw new Error(`the execution did not pause (${paused.status}: ${paused.error?.message})`);
	let delivered = 0;
	for (;;) {
		while (sim.callbacks.length === delivered) await sleep(2);
		const response = await paused.resume(sim.callbacks[delivered++].body);
		if (response.workflowData) return measure(sim, started, response.workflowData[0], pausedAfter);
	}
}

test('batch efficiency: 30 imagines at capacity 3', async () => {
	const sim = (await startSimulator({
		port: 0,
		token: TOKEN,
		jobDurationMs: JOB_MS,
		progressSteps: 3,
	})) as Simulator;
	const ideal = Math.ceil(JOBS / CAPACITY) * JOB_MS;
	const runs = [
		['Stream (SSE)', await batch(sim, 'stream')],
		['Poll (default 5 s interval)', await batch(sim, 'poll')],
		['Pause Until Callback (default busy retry 10–30 s)', await pausedBatch(sim)],
		[
			'Pause Until Callback (busy retry 0.5–1 s)',
			await pausedBatch(sim, { busyRetryMinSeconds: 0.5, busyRetryMaxSeconds: 1 }),
		],
		[
			'Sequential baseline (Stream, 1 at a time)',
			await batch(sim, 'stream', { maxConcurrentJobs: 1 }),
		],
	] as const;
	await sim.close();

	record(`1. Batch efficiency (${JOBS} imagines, capacity ${CAPACITY}, job ${JOB_MS} ms)`, [
		`Ideal makespan ceil(N / capacity) × D = ${ideal} ms. Ratio = ideal / makespan (target ≥ 0.95).`,
		'Pause Until Callback: from the start to `resume()` returning the items, each final callback delivered as the simulator records it; "paused after" is when execute() returned, every job submitted.',
		'',
		'| wait mode | makespan | ratio | completed | max concurrent on the channel | 429 answers | paused after |',
		'|---|---|---|---|---|---|---|',
		...runs.map(
			([name, run]) =>
				`| ${name} | ${run.makespan} ms | ${(ideal / run.makespan).toFixed(3)} | ${run.completed}/${JOBS} | ${run.maxConcurrent} | ${run.busy} | ${run.pausedAfter === undefined ? '' : `${run.pausedAfter} ms`} |`,
		),
	]);
});
