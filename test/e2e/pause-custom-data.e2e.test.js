'use strict';
/**
 * Pause Until Callback keeps its job ids in the execution's custom data, and n8n keeps at most 10
 * keys per execution (n8n-core's KV_LIMIT): the node must share them. In a real n8n:
 *   - two Pause Until Callback nodes in one workflow, 20 items each, both pause, resume and complete;
 *   - a Code node that sets 5 custom data keys before a Pause node with 40 items (more than the 36
 *     that 5 keys held before the ledger was packed): it pauses, resumes and completes, and the Code
 *     node's keys are left as they were.
 * Neither depends on an n8n version (CI runs it at both ends of the supported range).
 */
const { startStack } = require('../../tools/n8n/stack');

const FINAL = ['success', 'error', 'crashed', 'canceled'];
const NODE = 'n8n-nodes-useapi-midjourney.midjourney';

let stack;
let n8n;
let sim;
beforeAll(async () => {
	stack = await startStack({ name: 'pause-custom-data', sim: { jobDurationMs: 1200, progressSteps: 2 } });
	({ n8n, sim } = stack);
});
afterAll(async () => {
	await stack?.stop();
});

const imaginePosts = () => sim.log.filter((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine');

function node(id, name, x, parameters, extra = {}) {
	return { id, name, typeVersion: 1, position: [x, 0], parameters, ...extra };
}

function pauseNode(id, name, x, prompt) {
	return node(
		id,
		name,
		x,
		{ resource: 'job', operation: 'imagine', prompt, waitMode: 'webhook', options: {} },
		{ type: NODE, credentials: { useApiMidjourneyApi: stack.credential } },
	);
}

/** Start → Code (the given JavaScript) → the given nodes, in a line. */
function line(name, jsCode, nodes) {
	const all = [
		node('s', 'Start', 0, {}, { type: 'n8n-nodes-base.manualTrigger' }),
		node('p', 'Prompts', 200, { jsCode }, { type: 'n8n-nodes-base.code', typeVersion: 2 }),
		...nodes,
	];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections };
}

/** A last Code node that outputs the execution's custom data, as the resumed execution holds it. */
const report = (x) =>
	node('r', 'Report', x, { jsCode: 'return [{ json: $execution.customData.getAll() }];' }, {
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
	});

/** A Code node's items; the last 10 jobs run long, so the paused round is still running when the node pauses. */
const promptItems = (label, count) =>
	`return Array.from({ length: ${count} }, (_, i) => ({ json: { prompt: '${label} ' + i + (i >= ${count - 10} ? ' [[ms=6000]]' : ' [[ms=1200]]') } }));`;

async function runToTheEnd(workflow) {
	const id = await n8n.importWorkflow(workflow);
	const paused = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
	expect(paused.error?.message).toBeUndefined();
	expect(paused.status).toBe('waiting');
	return await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 240_000 });
}

test('two Pause Until Callback nodes in one workflow, 20 items each: both resume and complete', async () => {
	const done = await runToTheEnd(
		line('e2e: two pausing nodes', promptItems('first pause', 20), [
			pauseNode('a', 'Pause A', 400, '={{ $json.prompt }}'),
			pauseNode('b', 'Pause B', 600, '={{ "second pause " + $itemIndex + ($itemIndex >= 10 ? " [[ms=6000]]" : " [[ms=1200]]") }}'),
			report(800),
		]),
	);
	expect(done.error?.message).toBeUndefined();
	expect(done.status).toBe('success');
	const first = done.output('Pause A');
	const second = done.output('Pause B');
	expect(first.map((job) => job.status)).toEqual(Array(20).fill('completed'));
	expect(second.map((job) => job.status)).toEqual(Array(20).fill('completed'));
	expect(imaginePosts()).toHaveLength(40);
	const customData = done.output('Report')[0];
	expect(Object.keys(customData).length).toBeLessThanOrEqual(10);
});

test('a Code node sets 5 custom data keys before a Pause Until Callback node with 40 items: it resumes and completes', async () => {
	const before = imaginePosts().length;
	// 40 items: more than the 36 that 5 keys held before the ledger was packed.
	const setKeys = `for (let k = 1; k <= 5; k++) $execution.customData.set('upstream_' + k, 'kept ' + k);\n${promptItems('after code', 40)}`;
	const done = await runToTheEnd(
		line('e2e: custom data set upstream', setKeys, [pauseNode('c', 'Pause', 400, '={{ $json.prompt }}'), report(600)]),
	);
	expect(done.error?.message).toBeUndefined();
	expect(done.status).toBe('success');
	expect(done.output('Pause').map((job) => job.status)).toEqual(Array(40).fill('completed'));
	expect(imaginePosts().length - before).toBe(40);
	const customData = done.output('Report')[0];
	for (let k = 1; k <= 5; k++) expect(customData[`upstream_${k}`]).toBe(`kept ${k}`);
});
