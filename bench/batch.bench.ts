import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../test/harness/runNode';
import { startSimulator } from '../test/simulator';
import { record, setting } from './report';

const JOBS = 30;
const CAPACITY = 3;
const JOB_MS = setting('BENCH_JOB_MS', 2000);
const TOKEN = ['bench', 'token'].join('-');

interface Simulator {
	url: string;
	stats(): { maxConcurrent: Record<string, { images: number }>; responses: Record<string, number> };
	reset(): void;
	close(): Promise<void>;
}

async function batch(sim: Simulator, waitMode: string, options: IDataObject = {}) {
	sim.reset();
	const items = Array.from({ length: JOBS }, (_, i) => ({ prompt: `benchmark prompt ${i}` }));
	const started = Date.now();
	const result = await runNode({
		parameters: { resource: 'job', operation: 'imagine', prompt: '={{ $json.prompt }}', waitMode, options },
		items,
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	const makespan = Date.now() - started;
	const completed = result.items.filter((item) => item.json.status === 'completed').length;
	const stats = sim.stats();
	const maxConcurrent = Math.max(...Object.values(stats.maxConcurrent).map((c) => c.images));
	return { makespan, completed, maxConcurrent, busy: stats.responses['429'] ?? 0 };
}

test('batch efficiency: 30 imagines at capacity 3', async () => {
	const sim = (await startSimulator({ port: 0, token: TOKEN, jobDurationMs: JOB_MS, progressSteps: 3 })) as Simulator;
	const ideal = Math.ceil(JOBS / CAPACITY) * JOB_MS;
	const runs = [
		['Stream (SSE)', await batch(sim, 'stream')],
		['Poll (default 5 s interval)', await batch(sim, 'poll')],
		['Sequential baseline (Stream, 1 at a time)', await batch(sim, 'stream', { maxConcurrentJobs: 1 })],
	] as const;
	await sim.close();

	record(`Batch efficiency (${JOBS} imagines, capacity ${CAPACITY}, job ${JOB_MS} ms)`, [
		`Ideal makespan ceil(N / capacity) × D = ${ideal} ms. Ratio = ideal / makespan (target ≥ 0.95).`,
		'',
		'| wait mode | makespan | ratio | completed | max concurrent on the channel | 429 answers |',
		'|---|---|---|---|---|---|',
		...runs.map(
			([name, run]) =>
				`| ${name} | ${run.makespan} ms | ${(ideal / run.makespan).toFixed(3)} | ${run.completed}/${JOBS} | ${run.maxConcurrent} | ${run.busy} |`,
		),
	]);
});
