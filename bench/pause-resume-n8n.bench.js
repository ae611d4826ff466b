// Pause Until Callback with many items in a real n8n (the e2e stack; N8N_VERSION picks the build): from the end of the
// batch's last job (its final `updated` on the simulator, when its callback leaves) to the end of
// the resumed execution (n8n's stoppedAt). The resume re-reads every job of the batch, inside
// n8n's webhook handling, once per final callback of the last round.
const { startStack } = require('../tools/n8n/stack');
const { N8N_VERSION } = require('../tools/n8n/n8n');
const { machineLoad, record, setting } = require('./report');

const JOBS = setting('BENCH_PAUSE_JOBS', 60);
const JOB_MS = setting('BENCH_JOB_MS', 2000);
const FINAL = ['success', 'error', 'crashed', 'canceled'];

function workflow() {
	const prompts = Array.from({ length: JOBS }, (_, i) => `pause prompt ${i}`);
	const imagine = {
		resource: 'job',
		operation: 'imagine',
		prompt: '={{ $json.prompt }}',
		waitMode: 'webhook',
		simplify: true,
		options: {},
	};
	return {
		name: `bench: ${JOBS} imagines, Pause Until Callback`,
		nodes: [
			{
				id: 'p1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'p2',
				name: 'Prompts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return ${JSON.stringify(prompts)}.map((prompt) => ({ json: { prompt } }));`,
				},
			},
			{
				id: 'p3',
				name: 'Imagine',
				type: 'n8n-nodes-useapi-midjourney.midjourney',
				typeVersion: 1,
				position: [440, 0],
				parameters: imagine,
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

test('Pause Until Callback in a real n8n: last job final → execution resumed and ended', async () => {
	const stack = await startStack({ name: 'bench-pause-resume', sim: { jobDurationMs: JOB_MS } });
	const rows = [];
	try {
		for (let run = 1; run <= setting('BENCH_PAUSE_RUNS', 1); run++) {
			stack.sim.reset();
			const id = await stack.importWorkflow(workflow());
			const first = await stack.n8n.runWorkflow(id, { timeoutMs: 300_000 });
			const pausedAt = Date.now();
			const done =
				first.status === 'waiting'
					? await stack.n8n.waitForExecution(first.executionId, {
							statuses: FINAL,
							timeoutMs: 300_000,
							intervalMs: 50,
						})
					: first;
			const lastJobEnd = Math.max(
				...[...stack.sim.jobs.values()].map((job) => Date.parse(job.updated)),
			);
			const stoppedAt = Date.parse(done.stoppedAt);
			const completed = (done.output ? (done.output('Imagine') ?? []) : []).filter(
				(json) => json.status === 'completed',
			).length;
			const readsAfterPause = stack.sim.log.filter(
				(r) =>
					r.method === 'GET' &&
					r.path.startsWith('/v3/midjourney/jobs/j') &&
					stack.sim.startedAt + r.t >= pausedAt,
			).length;
			const posts = stack.sim.log.filter(
				(r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine',
			);
			const prompts = new Set(
				posts.filter((p) => p.status === 201 || p.status === 200).map((p) => p.body?.prompt),
			);
			rows.push(
				`| ${run} | ${first.status} → ${done.status} | **${stoppedAt - lastJobEnd} ms** | ${completed}/${JOBS} | ${readsAfterPause} | ${posts.length} (${prompts.size} prompts) | ${machineLoad()} |`,
			);
		}
	} finally {
		await stack.stop();
	}
	record(
		`10. Pause Until Callback, ${JOBS} items in a real n8n ${N8N_VERSION}: last job final → execution ended`,
		[
			`${JOBS} imagines of ${JOB_MS} ms at capacity 3, Pause Until Callback, in a real n8n ${N8N_VERSION} resumed through its webhook server. Measured from the last job's final \`updated\` on the simulator (when its callback leaves) to the execution's stoppedAt. Goal: ≤ 5 s.`,
			'',
			'| run | execution | last job final → ended | completed | job reads after the pause | job POSTs | machine |',
			'|---|---|---|---|---|---|---|',
			...rows,
		],
	);
});
