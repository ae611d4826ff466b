// Batch efficiency in a real n8n (the e2e stack; N8N_VERSION picks the build): 30 imagines of
// 2 s ± 30 % at capacity 3, from the moment the manual run starts to the execution's end, for
// Pause Until Callback (the callbacks resume the waiting execution through n8n's own webhook
// server), Stream and Poll at default settings, side by side. The ideal is the best schedule of
// the jobs' actual times on the simulator (created → final, in input order on 3 lanes, each seen
// the moment it ends).
const { startStack } = require('../tools/n8n/stack');
const { N8N_VERSION } = require('../tools/n8n/n8n');
const { machineLoad, record, setting } = require('./report');

const JOBS = 30;
const CAPACITY = 3;
const JOB_MS = setting('BENCH_JOB_MS', 2000);
const JITTER = 0.3;
const RUNS = setting('BENCH_BATCH_RUNS', 1);
const FINAL = ['success', 'error', 'crashed', 'canceled'];

/** Job durations of ±JITTER around JOB_MS, the same every run (a fixed pseudo-random sequence). */
function jittered() {
	let seed = 7;
	return Array.from({ length: JOBS }, () => {
		seed = (seed * 16807) % 2147483647;
		return Math.round(JOB_MS * (1 - JITTER + 2 * JITTER * (seed / 2147483647)));
	});
}

/** The makespan of `durations` run in input order on CAPACITY lanes, each job seen at its end. */
function bestSchedule(durations) {
	const lanes = Array(CAPACITY).fill(0);
	for (const duration of durations) lanes[lanes.indexOf(Math.min(...lanes))] += duration;
	return Math.max(...lanes);
}

function workflow(waitMode, count = JOBS) {
	const prompts = jittered()
		.slice(0, count)
		.map((ms, i) => `benchmark prompt ${i} [[ms=${ms}]]`);
	return {
		name: `bench: ${count} imagines, ${waitMode}`,
		nodes: [
			{ id: 'b1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b2',
				name: 'Prompts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));` },
			},
			{
				id: 'b3',
				name: 'Imagine',
				type: 'n8n-nodes-useapi-midjourney.midjourney',
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'job', operation: 'imagine', prompt: '={{ $json.prompt }}', waitMode, simplify: true, options: {} },
				credentials: { useApiMidjourneyApi: { id: 'useapi-credential', name: 'useapi.net API' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Imagine', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function runOnce(stack, waitMode, count = JOBS) {
	stack.sim.reset();
	const id = await stack.importWorkflow(workflow(waitMode, count));
	const started = Date.now();
	const first = await stack.n8n.runWorkflow(id, { timeoutMs: 300_000, intervalMs: 50 });
	const done =
		first.status === 'waiting'
			? await stack.n8n.waitForExecution(first.executionId, { statuses: FINAL, timeoutMs: 300_000, intervalMs: 50 })
			: first;
	const jobs = [...stack.sim.jobs.values()];
	const lastJobEnd = Math.max(...jobs.map((job) => Date.parse(job.updated)));
	const stoppedAt = Date.parse(done.stoppedAt);
	const items = done.output ? (done.output('Imagine') ?? []) : [];
	const posts = stack.sim.log.filter((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine');
	const accepted = posts.filter((r) => r.status === 201 || r.status === 200).map((r) => r.body?.prompt);
	const jobReads = stack.sim.log.filter((r) => r.method === 'GET' && r.path.startsWith('/v3/midjourney/jobs/j'));
	return {
		status: `${first.status} → ${done.status}`,
		makespan: stoppedAt - started,
		ideal: bestSchedule(jobs.map((job) => Date.parse(job.updated) - Date.parse(job.created))),
		lastJobToEnd: stoppedAt - lastJobEnd,
		completed: items.filter((json) => json.status === 'completed').length,
		maxConcurrent: Math.max(...Object.values(stack.sim.stats().maxConcurrent).map((c) => c.images)),
		duplicated: accepted.length - new Set(accepted).size,
		readsPerJob: jobReads.length / jobs.length,
		load: machineLoad(),
	};
}

test('batch efficiency in a real n8n', async () => {
	const stack = await startStack({ name: 'bench-batch', sim: { jobDurationMs: JOB_MS } });
	const rows = [];
	try {
		// n8n's first execution after it starts loads and compiles what the others reuse (~0.1 s
		// more before the first request): a small paused batch, not measured, takes that cost so
		// that it falls on no mode of the comparison.
		await runOnce(stack, 'webhook', 4);
		for (let run = 1; run <= RUNS; run++) {
			for (const [label, waitMode] of [
				['Pause Until Callback', 'webhook'],
				['Stream (SSE)', 'stream'],
				['Poll (default settings)', 'poll'],
			]) {
				const r = await runOnce(stack, waitMode);
				rows.push(
					`| ${run} | ${label} | ${r.status} | ${r.makespan} ms | ${r.ideal} ms | **${(r.ideal / r.makespan).toFixed(3)}** | ${r.lastJobToEnd} ms | ${r.completed}/${JOBS} | ${r.readsPerJob.toFixed(2)} | ${r.maxConcurrent} | ${r.duplicated} | ${r.load} |`,
				);
			}
		}
	} finally {
		await stack.stop();
	}
	record(`1b. Batch efficiency in a real n8n ${N8N_VERSION} (${JOBS} imagines of ${JOB_MS} ms ± 30 %, capacity ${CAPACITY})`, [
		`Ratio = ideal / makespan, the ideal being the best schedule of the jobs' actual times on the simulator; makespan from the manual run's start to the execution's stoppedAt (n8n's run start included). Goals (issue 23): ≥ 0.98 for Pause Until Callback; ≥ 0.95 with ≤ 3 job reads per job for Poll. Each run follows a small batch that is not measured (n8n's first execution after it starts costs ~0.1 s more). "Last job → end": from the last job's final \`updated\` to stoppedAt (for a Pause, the resume through n8n's webhook server).`,
		'',
		'| run | wait mode | execution | makespan | ideal | ratio | last job → end | completed | job reads per job | max concurrent | duplicated | machine |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|',
		...rows,
	]);
});
