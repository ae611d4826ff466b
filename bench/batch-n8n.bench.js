// Batch efficiency in a real n8n 2.30.8 (the e2e stack): 30 imagines at capacity 3, from the
// moment the run starts to the execution's end, for Pause Until Callback (the callbacks
// resume the waiting execution through n8n's own webhook server) and Stream.
const { startStack } = require('../tools/n8n/stack');
const { record, setting } = require('./report');

const JOBS = 30;
const CAPACITY = 3;
const JOB_MS = setting('BENCH_JOB_MS', 2000);
const FINAL = ['success', 'error', 'crashed', 'canceled'];

function workflow(waitMode) {
	const prompts = Array.from({ length: JOBS }, (_, i) => `benchmark prompt ${i}`);
	return {
		name: `bench: ${JOBS} imagines, ${waitMode}`,
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

test('batch efficiency in a real n8n', async () => {
	const stack = await startStack({ name: 'bench-batch', sim: { jobDurationMs: JOB_MS } });
	const rows = [];
	try {
		for (const [label, waitMode] of [
			['Pause Until Callback (real n8n, resumed through its webhook server)', 'webhook'],
			['Stream (SSE) (real n8n)', 'stream'],
		]) {
			stack.sim.reset();
			const id = await stack.importWorkflow(workflow(waitMode));
			const started = Date.now();
			const first = await stack.n8n.runWorkflow(id, { timeoutMs: 300_000 });
			const pausedAfter = first.status === 'waiting' ? Date.now() - started : undefined;
			const done = first.status === 'waiting' ? await stack.n8n.waitForExecution(first.executionId, { statuses: FINAL, timeoutMs: 300_000 }) : first;
			const makespan = Date.now() - started;
			const items = done.output ? done.output('Imagine') ?? [] : [];
			const completed = items.filter((json) => json.status === 'completed').length;
			const stats = stack.sim.stats();
			const maxConcurrent = Math.max(...Object.values(stats.maxConcurrent).map((c) => c.images));
			rows.push({ label, makespan, completed, maxConcurrent, busy: stats.responses['429'] ?? 0, pausedAfter, status: done.status });
		}
	} finally {
		await stack.stop();
	}
	const ideal = Math.ceil(JOBS / CAPACITY) * JOB_MS;
	record(`1b. Batch efficiency in a real n8n 2.30.8 (${JOBS} imagines, capacity ${CAPACITY}, job ${JOB_MS} ms)`, [
		`Ideal makespan ${ideal} ms; ratio = ideal / makespan (target ≥ 0.95). Measured from the manual run's start to the execution's end (run start and node startup overhead included).`,
		'',
		'| wait mode | execution | makespan | ratio | completed | max concurrent | 429 answers | paused after |',
		'|---|---|---|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${r.label} | ${r.status} | ${r.makespan} ms | ${(ideal / r.makespan).toFixed(3)} | ${r.completed}/${JOBS} | ${r.maxConcurrent} | ${r.busy} | ${r.pausedAfter ?? ''}${r.pausedAfter ? ' ms' : ''} |`,
		),
	]);
});
