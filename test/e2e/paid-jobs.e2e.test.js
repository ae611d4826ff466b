'use strict';
/**
 * Never pay twice, never lose a paid result, in a real n8n where n8n's own behaviour is involved:
 *   - n8n's Retry On Fail (node setting) re-runs the node: one job POST per item all the same;
 *   - Pause Until Callback: jobs that finish together call back together; n8n would answer all
 *     but one with 500: every callback gets 200 and the execution resumes once;
 *   - a failed job read while the final callback is handled is retried: the job comes out
 *     completed, not timed out;
 *   - the Trigger: copies of one callback POSTed at the same moment start one execution, and a
 *     replay after n8n restarted starts nothing (the trigger's memory is in static data).
 */
const { startStack, waitFor, delay } = require('../../tools/n8n/stack');
const { loadExample, triggerUrl } = require('../../tools/n8n/examples');

const FINAL = ['success', 'error', 'crashed', 'canceled'];
const NODE = 'n8n-nodes-useapi-midjourney.midjourney';

let stack;
let n8n;
let sim;
beforeAll(async () => {
	stack = await startStack({ name: 'paid-jobs', sim: { jobDurationMs: 1200, progressSteps: 2 } });
	({ n8n, sim } = stack);
});
afterAll(async () => {
	await stack?.stop();
});

const imaginePosts = () =>
	sim.log.filter((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine');

/** Manual Trigger → Code (one item per prompt) → MidjourneyV3 imagine with the given settings. */
function batchWorkflow(name, prompts, node) {
	return {
		name,
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'Prompts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(prompts.map((prompt) => ({ json: { prompt } })))};` },
			},
			{
				id: 'c',
				name: 'Imagine',
				type: NODE,
				typeVersion: 1,
				position: [400, 0],
				credentials: { useApiMidjourneyApi: stack.credential },
				...node,
				parameters: { resource: 'job', operation: 'imagine', prompt: '={{ $json.prompt }}', ...node.parameters },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Imagine', type: 'main', index: 0 }]] },
		},
	};
}

test("Retry On Fail (3 tries): an item whose job fails makes n8n run the node again, yet each item is POSTed once", async () => {
	const prompts = ['retry fine harbour', 'retry doomed harbour [[failed]]'];
	const id = await n8n.importWorkflow(
		batchWorkflow('e2e: retry on fail', prompts, {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
			parameters: { waitMode: 'stream', options: {} },
		}),
	);
	const run = await n8n.runWorkflow(id, { timeoutMs: 90_000 });
	expect(run.status).toBe('error');
	const perPrompt = prompts.map((prompt) => imaginePosts().filter((r) => r.body?.prompt === prompt).length);
	expect(perPrompt).toEqual([1, 1]);
	const completed = [...sim.jobs.values()].find((job) => job.request?.prompt === prompts[0]);
	expect(completed.status).toBe('completed');
	expect(JSON.stringify(run.error)).toContain(completed.jobid);
});

describe('Pause Until Callback', () => {
	test('3 jobs finishing together: every callback answered 200, one resume, all completed', async () => {
		const prompts = ['twin a [[ms=1500]]', 'twin b [[ms=1500]]', 'twin c [[ms=1500]]'];
		const id = await n8n.importWorkflow(
			batchWorkflow('e2e: simultaneous callbacks', prompts, { parameters: { waitMode: 'webhook', options: {} } }),
		);
		const paused = await n8n.runWorkflow(id);
		expect(paused.status).toBe('waiting');
		const done = await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 60_000 });
		expect(done.status).toBe('success');
		expect(done.output('Imagine').map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
		const resumeUrl = imaginePosts().find((r) => String(r.body?.replyUrl).includes(`/${paused.executionId}?`)).body.replyUrl;
		await delay(500);
		const callbacks = sim.callbacks.filter((c) => c.url === resumeUrl);
		expect(callbacks).toHaveLength(3);
		expect(callbacks.map((c) => c.status)).toEqual([200, 200, 200]);
	});

	test('the job read fails (503, 503) while the final callback is handled: resumes with the job completed, not timed out', async () => {
		const id = await n8n.importWorkflow(
			batchWorkflow('e2e: read fails in the callback', ['a stumbling comet [[ms=2500]]'], {
				parameters: { waitMode: 'webhook', options: {} },
			}),
		);
		const paused = await n8n.runWorkflow(id);
		expect(paused.status).toBe('waiting');
		sim.setFaults({ readErrors: [503, 503] });
		const done = await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 60_000 });
		expect(done.status).toBe('success');
		const [json] = done.output('Imagine');
		expect(json.status).toBe('completed');
		expect(json.timedOut).toBeUndefined();
		expect(sim.log.filter((r) => r.method === 'GET' && r.status === 503).length).toBe(2);
	});
});

test('Trigger: 5 copies of one completed callback POSTed at the same moment start one execution; replayed after a restart, it starts nothing', async () => {
	const triggerId = await stack.importExample('04a');
	await n8n.activate(triggerId);
	const url = triggerUrl(loadExample('04a'), n8n.webhookUrl);
	const submit = await n8n.importWorkflow(
		batchWorkflow('e2e: one job for the trigger', ['a single kite'], {
			parameters: { waitMode: 'none', options: { replyUrl: `${sim.url}/sink/callback` } },
		}),
	);
	const created = await n8n.runWorkflow(submit);
	const jobid = created.output('Imagine')[0].jobid;
	await waitFor(() => sim.callbacks.find((c) => c.body.jobid === jobid && c.body.status === 'completed'), {
		timeoutMs: 30_000,
		what: 'the completed callback',
	});
	const body = sim.callbacks.find((c) => c.body.jobid === jobid && c.body.status === 'completed').body;

	const answers = await Promise.all(
		Array.from({ length: 5 }, async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return res.status;
		}),
	);
	expect(answers).toEqual([200, 200, 200, 200, 200]);
	await delay(3000);
	const started = await stack.executionsOf(triggerId);
	expect(started).toHaveLength(1);

	// n8n restarts (a deploy, a crash): the callback replayed afterwards starts nothing
	await n8n.restart();
	await waitFor(
		// an empty body is refused by the trigger itself, once n8n has registered its webhook again
		async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status !== 404,
		{ timeoutMs: 60_000, what: "the trigger's webhook after the restart" },
	);
	const replay = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	expect(replay.status).toBe(200);
	await delay(3000);
	expect(await stack.executionsOf(triggerId)).toHaveLength(1);

	// while a new job's completion still starts one
	const next = await n8n.runWorkflow(submit);
	const nextJob = next.output('Imagine')[0].jobid;
	await waitFor(() => sim.callbacks.find((c) => c.body.jobid === nextJob && c.body.status === 'completed'), {
		timeoutMs: 30_000,
		what: "the second job's completed callback",
	});
	const nextBody = sim.callbacks.find((c) => c.body.jobid === nextJob && c.body.status === 'completed').body;
	await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nextBody) });
	await waitFor(async () => (await stack.executionsOf(triggerId)).length === 2, {
		timeoutMs: 30_000,
		what: "the second job's execution",
	});
});
