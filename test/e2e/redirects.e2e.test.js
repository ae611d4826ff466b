'use strict';
/**
 * The API token never follows a redirect to another origin, in a real n8n: n8n's own HTTP helper
 * puts Authorization back on every hop it follows (n8n-core 2.30 and 2.41), so this is where the
 * package's redirect handling meets n8n's behaviour. The credential's Base URL is a front that
 * redirects some requests to a second origin which records what it receives
 * (test/helpers/redirectingFront.js); the unit suite (test/faults/redirects.test.ts) covers every
 * path, this covers a read and a paid submit.
 */
const { startStack } = require('../../tools/n8n/stack');
const { startRedirectScene, secretsSeen } = require('../helpers/redirectingFront');

const NODE = 'n8n-nodes-useapi-midjourney.midjourney';

let stack;
let scene;
let credential;
beforeAll(async () => {
	stack = await startStack({ name: 'redirects', sim: { jobDurationMs: 1000, progressSteps: 2 } });
	scene = await startRedirectScene();
	scene.target = stack.sim.url;
	const name = 'useapi.net API behind a redirecting front';
	const created = await stack.n8n.createCredential('useApiMidjourneyApi', name, {
		apiToken: stack.token,
		baseUrl: scene.frontUrl,
	});
	credential = { id: String(created.id), name };
});
afterAll(async () => {
	await scene?.close();
	await stack?.stop();
});

function oneNodeWorkflow(name, parameters) {
	return {
		name,
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'Midjourney',
				type: NODE,
				typeVersion: 1,
				position: [200, 0],
				credentials: { useApiMidjourneyApi: credential },
				parameters,
			},
		],
		connections: { Start: { main: [[{ node: 'Midjourney', type: 'main', index: 0 }]] } },
	};
}

const errorOf = (run) => run.runData?.Midjourney?.[0]?.error;

test.each([
	['List Running (GET), 302', 'GET', '/v3/midjourney/jobs', 302, { resource: 'job', operation: 'listRunning' }],
	[
		'Imagine (POST, Poll), 307',
		'POST',
		'/v3/midjourney/jobs/imagine',
		307,
		{ resource: 'job', operation: 'imagine', prompt: 'a kite over the sea', waitMode: 'poll' },
	],
])('%s to another origin: the node stops with a clear error and the other origin never sees the token', async (_name, method, path, status, parameters) => {
	scene.seen.length = 0;
	scene.rule = (m, p) => (m === method && p === path ? { status } : undefined);
	const id = await stack.n8n.importWorkflow(oneNodeWorkflow(`e2e: redirect ${method} ${path}`, parameters));
	const run = await stack.n8n.runWorkflow(id);
	expect(run.status).toBe('error');
	expect(errorOf(run)?.message).toMatch(/redirected the request to another host/);
	expect(scene.redirects.some((r) => r.method === method && r.path === path && r.status === status)).toBe(true);
	expect(secretsSeen(scene, [stack.token])).toEqual([]);
	expect(scene.seen.filter((r) => r.headers.authorization)).toEqual([]);
});
