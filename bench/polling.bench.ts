import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../tools/harness/runNode';
import { startSimulator } from '../tools/simulator';
import { record, setting } from './report';

/**
 * Reading a running job: Poll mode with default settings against the best schedule of the
 * jobs' actual durations, reads per job for short and long jobs, and the fallback after a
 * dropped stream against the same batch without drops. All in one run, side by side.
 */
const CAPACITY = 3;
const TOKEN = ['bench', 'token'].join('-');
const SHORT_MS = setting('BENCH_JOB_MS', 2000);
const LONG_MS = setting('BENCH_LONG_JOB_MS', 30_000);

interface Simulator {
	url: string;
	log: Array<{ method: string; path: string }>;
	reset(): void;
	setFaults(faults: IDataObject): void;
	close(): Promise<void>;
}

/** Job durations of ±30 % around `ms`, the same every run (a fixed pseudo-random sequence). */
function jittered(count: number, ms: number): number[] {
	let seed = 7;
	return Array.from({ length: count }, () => {
		seed = (seed * 16807) % 2147483647;
		return Math.round(ms * (0.7 + 0.6 * (seed / 2147483647)));
	});
}

/** The makespan of the batch run in input order on CAPACITY lanes, each job seen at its end. */
function bestSchedule(durations: number[]): number {
	const lanes = Array<number>(CAPACITY).fill(0);
	for (const duration of durations) {
		const lane = lanes.indexOf(Math.min(...lanes));
		lanes[lane] += duration;
	}
	return Math.max(...lanes);
}

async function run(
	sim: Simulator,
	durations: number[],
	waitMode: string,
	faults: IDataObject = {},
	options: INodeParameters = {},
) {
	sim.reset();
	sim.setFaults(faults);
	const started = Date.now();
	const result = await runNode({
		parameters: {
			resource: 'job',
			operation: 'imagine',
			prompt: '={{ $json.prompt }}',
			waitMode,
			options,
		},
		items: durations.map((ms, i) => ({ prompt: `bench job ${i} [[ms=${ms}]]` })),
		credentials: { apiToken: TOKEN, baseUrl: sim.url },
	});
	const makespan = Date.now() - started;
	const completed = result.items.filter((item) => item.json.status === 'completed').length;
	const reads = sim.log.filter(
		(r) => r.method === 'GET' && r.path.startsWith('/v3/midjourney/jobs/j'),
	).length;
	return { makespan, completed, readsPerJob: reads / durations.length };
}

test('polling: adaptive reads, reads per job, and the fallback after dropped streams', async () => {
	const sim = (await startSimulator({ port: 0, token: TOKEN, progressSteps: 3 })) as Simulator;
	const short = jittered(30, SHORT_MS);
	const best = bestSchedule(short);
	const poll = await run(sim, short, 'poll');
	const stream = await run(sim, short, 'stream');

	const long = jittered(3, LONG_MS);
	const pollLong = await run(sim, long, 'poll');
	const fixedReadsLong = long.map((ms) => Math.ceil(ms / 5000));
	const fixedAverage = fixedReadsLong.reduce((a, b) => a + b, 0) / long.length;

	const six = Array(6).fill(SHORT_MS);
	const calm = await run(sim, six, 'stream');
	const dropped = await run(sim, six, 'stream', { dropAfterEvents: { after: 3, count: 6 } });
	await sim.close();

	record('7. Reading running jobs (Poll, and after a dropped stream)', [
		`30 imagines of ${SHORT_MS} ms ± 30 % at capacity ${CAPACITY}; best schedule of those durations = ${best} ms. Ratio = best / makespan (target ≥ 0.9 for Poll at default settings; it was 0.40 with the fixed 5 s reader at a fixed 2 s, before the adaptive reader).`,
		'',
		'| run | makespan | ratio | completed | GET /jobs/{id} per job |',
		'|---|---|---|---|---|',
		`| Poll, default settings (Poll Interval 5 s) | ${poll.makespan} ms | ${(best / poll.makespan).toFixed(3)} | ${poll.completed}/30 | ${poll.readsPerJob.toFixed(2)} |`,
		`| Stream (for reference) | ${stream.makespan} ms | ${(best / stream.makespan).toFixed(3)} | ${stream.completed}/30 | ${stream.readsPerJob.toFixed(2)} |`,
		`| Poll, 3 jobs of ${LONG_MS} ms ± 30 % | ${pollLong.makespan} ms | | ${pollLong.completed}/3 | ${pollLong.readsPerJob.toFixed(2)} (a fixed 5 s reader needs ${fixedAverage.toFixed(2)}) |`,
		'',
		`Stream with every stream dropped after its 3rd event (6 jobs of ${SHORT_MS} ms, capacity ${CAPACITY}), read on by the same reader: ${dropped.makespan} ms against ${calm.makespan} ms without drops = **${(dropped.makespan / calm.makespan).toFixed(2)}×** (target ≤ 1.25×; ${dropped.readsPerJob.toFixed(2)} reads per job).`,
	]);
});
