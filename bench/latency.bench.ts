import type { IDataObject, INodeParameters, IWebhookResponseData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeResult } from '../tools/harness/runNode';
import { runNode } from '../tools/harness/runNode';
import { startSimulator } from '../tools/simulator';
import { record, setting } from './report';

const TOKEN = ['bench', 'token'].join('-');
const STREAM_RUNS = setting('BENCH_LATENCY_RUNS', 20);
const POLL_RUNS = setting('BENCH_POLL_RUNS', 12);
const PAUSE_RUNS = setting('BENCH_PAUSE_RUNS', 12);
const POLL_INTERVAL_S = 1;

interface Callback {
	body: IDataObject;
}

interface Simulator {
	url: string;
	jobs: Map<string, IDataObject>;
	callbacks: Callback[];
	reset(): void;
	close(): Promise<void>;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]) {
	const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
	return {
		p50: percentile(values, 50),
		p95: percentile(values, 95),
		mean: Math.round(mean),
		max: Math.max(...values),
		n: values.length,
	};
}

/** When the simulator marked the job final: its `updated` timestamp (same machine, same clock). */
function completedAt(sim: Simulator, jobid: string): number {
	const job = sim.jobs.get(jobid);
	if (!job || job.status !== 'completed') throw new Error(`job ${jobid} is not completed`);
	return Date.parse(job.updated as string);
}

function imagine(prompt: string, waitMode: string, options: INodeParameters = {}) {
	return { resource: 'job', operation: 'imagine', prompt, waitMode, options };
}

async function streamLatency(sim: Simulator): Promise<number[]> {
	const latencies: number[] = [];
	for (let run = 0; run < STREAM_RUNS; run++) {
		sim.reset();
		const result = await runNode({
			parameters: imagine(`stream latency ${run}`, 'stream'),
			credentials: { apiToken: TOKEN, baseUrl: sim.url },
		});
		const returned = Date.now();
		latencies.push(returned - completedAt(sim, result.items[0].json.jobid as string));
	}
	return latencies;
}

async function pollLatency(sim: Simulator): Promise<number[]> {
	const latencies: number[] = [];
	for (let run = 0; run < POLL_RUNS; run++) {
		sim.reset();
		// Durations spread over one interval, so completions fall at every phase of the polling.
		const ms = 300 + Math.round((run * POLL_INTERVAL_S * 1000) / POLL_RUNS);
		const result = await runNode({
			parameters: imagine(`poll latency ${run} [[ms=${ms}]]`, 'poll', {
				pollInterval: POLL_INTERVAL_S,
			}),
			credentials: { apiToken: TOKEN, baseUrl: sim.url },
		});
		const returned = Date.now();
		latencies.push(returned - completedAt(sim, result.items[0].json.jobid as string));
	}
	return latencies;
}

/** Delivers the job's final callback to the paused execution the moment the simulator records it. */
async function pauseLatency(sim: Simulator): Promise<number[]> {
	const latencies: number[] = [];
	const recorded: Array<(callback: Callback) => void> = [];
	const push = sim.callbacks.push.bind(sim.callbacks);
	sim.callbacks.push = (...callbacks: Callback[]) => {
		const length = push(...callbacks);
		for (const callback of callbacks) for (const listener of recorded) listener(callback);
		return length;
	};
	for (let run = 0; run < PAUSE_RUNS; run++) {
		sim.reset();
		const state: { paused?: RunNodeResult } = {};
		let resumedAt = 0;
		let resumption: Promise<IWebhookResponseData> | undefined;
		const early: Callback[] = [];
		recorded.length = 0;
		recorded.push((callback) => {
			if (!state.paused) {
				early.push(callback);
				return;
			}
			resumption ??= state.paused.resume(callback.body).then((response) => {
				resumedAt = Date.now();
				return response;
			});
		});
		const paused = await runNode({
			parameters: imagine(`pause latency ${run} [[ms=400]]`, 'webhook'),
			credentials: { apiToken: TOKEN, baseUrl: sim.url },
		});
		state.paused = paused;
		if (paused.status !== 'waiting' || early.length > 0)
			throw new Error('the job finished before the execution paused');
		while (!resumption) await sleep(5);
		const response = await resumption;
		const jobid = response.workflowData?.[0][0].json.jobid as string;
		latencies.push(resumedAt - completedAt(sim, jobid));
	}
	return latencies;
}

test('completion latency: simulator marks the job completed → the node returns it', async () => {
	const sim = (await startSimulator({
		port: 0,
		token: TOKEN,
		jobDurationMs: 300,
		progressSteps: 3,
	})) as Simulator;
	// Warm-up: the first run loads and compiles n8n-core's code paths.
	await runNode({
		parameters: imagine('warm-up', 'stream'),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	const stream = summary(await streamLatency(sim));
	const poll = summary(await pollLatency(sim));
	const pause = summary(await pauseLatency(sim));
	await sim.close();

	const row = (name: string, s: ReturnType<typeof summary>, target: string) =>
		`| ${name} | ${s.n} | **${s.p50} ms** | ${s.p95} ms | ${s.mean} ms | ${s.max} ms | ${target} |`;
	record('2. Completion latency', [
		'From the moment the simulator marks a job completed (its `updated` timestamp) to the moment the node hands it over: `runNode` resolving (n8n-core WorkflowExecute finished the run) for Stream and Poll, `resume()` returning the items for Pause Until Callback. Single imagine jobs, one after another.',
		'',
		'| wait mode | runs | p50 | p95 | mean | max | target |',
		'|---|---|---|---|---|---|---|',
		row('Stream (SSE)', stream, 'p50 ≤ 50 ms'),
		row(
			`Poll, interval ${POLL_INTERVAL_S} s`,
			poll,
			`≈ interval / 2 = ${(POLL_INTERVAL_S * 1000) / 2} ms mean (p50/interval = ${(poll.p50 / (POLL_INTERVAL_S * 1000)).toFixed(2)})`,
		),
		row(
			'Pause Until Callback (callback delivered as the simulator records it)',
			pause,
			'no target; one GET of the job per callback',
		),
		'',
		`Poll runs use job durations spread over one interval (300 … ${300 + POLL_INTERVAL_S * 1000} ms), so completions fall at every phase of the polling.`,
	]);
});
