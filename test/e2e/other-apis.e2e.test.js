'use strict';
/**
 * The engine's other APIs in a real n8n, each against its own simulator in this process. Two
 * packages are installed as n8n's installer does, one after the other: the root package
 * (n8n-nodes-useapi-midjourney) and packages/midjourney-v1-api (n8n-nodes-midjourney-v1-api).
 *   midjourney-v1-api example 01 (Midjourney /v1 API): imagine paused until the API's webhook
 *      resumes the execution through n8n's own webhook server, then upscale of image 1 by
 *      polling, stored as binary.
 *   08 Midjourney v2 (Legacy), root package: two prompts polled to completion, each grid stored as binary.
 * The last test checks that no API key reached n8n's log, execution data or a simulator log.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startStack } = require('../../tools/n8n/stack');
const { LEGACY_PLACEHOLDER_ID, V1_PLACEHOLDER_ID } = require('../../tools/n8n/examples');
const { assertNoTokenLeak } = require('../../tools/n8n/hygiene');

const { startV1Simulator } = require(path.join(__dirname, '..', '..', 'tools', 'simulator-v1'));
const { startV2Simulator } = require(path.join(__dirname, '..', '..', 'tools', 'simulator-v2'));

const FINAL = ['success', 'error', 'crashed', 'canceled'];
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let stack;
let n8n;
let v1;
let v2;
const v1Token = `e2e-v1-${crypto.randomBytes(12).toString('hex')}`;
const v2Token = `e2e-v2-${crypto.randomBytes(12).toString('hex')}`;
let credentials;

beforeAll(async () => {
	stack = await startStack({ name: 'other-apis', packages: ['midjourney-v1-api'] });
	n8n = stack.n8n;
	v1 = await startV1Simulator({ port: 0, token: v1Token, jobDurationMs: 1500 });
	const v1Credential = await n8n.createCredential('midjourneyV1ProfileApi', 'Midjourney OpenAPI Profile API', {
		apiToken: v1Token,
		baseUrl: v1.url,
	});
	// v2 is served by useapi.net beside v3 with the same token; here its simulator has its own URL.
	v2 = await startV2Simulator({ port: 0, token: v2Token, jobDurationMs: 1500 });
	const legacy = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (v2)', {
		apiToken: v2Token,
		baseUrl: v2.url,
	});
	credentials = {
		[V1_PLACEHOLDER_ID]: { id: String(v1Credential.id), name: 'Midjourney OpenAPI Profile API' },
		[LEGACY_PLACEHOLDER_ID]: { id: String(legacy.id), name: 'useapi.net API (v2)' },
	};
});
afterAll(async () => {
	await stack?.stop();
	await v1?.close();
	await v2?.close();
});

test('midjourney-v1-api example 01, Midjourney /v1 API: imagine paused until the webhook, resumed by n8n, then upscale as binary', async () => {
	const id = await stack.importExample('midjourney-v1-api/01', undefined, credentials);
	const paused = await n8n.runWorkflow(id);
	expect(paused.status).toBe('waiting');
	const submit = v1.log.find((r) => r.method === 'POST' && r.path === '/v1/imagine');
	expect(submit.body).toMatchObject({ aspect_ratio: '3:2', stylize: 250, webhook_type: 'result' });
	expect(submit.body.webhook_url).toContain(`/webhook-waiting/${paused.executionId}`);

	const done = await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 60_000 });
	expect(done.status).toBe('success');
	const [imagined] = done.output('Imagine');
	expect(imagined).toMatchObject({ status: 'completed', verb: 'imagine' });
	expect(v1.callbacks.some((c) => c.jobId === imagined.jobid && c.status === 200)).toBe(true);

	const [upscaled] = done.items('Upscale');
	expect(upscaled.json).toMatchObject({ type: 'upscale', status: 'completed' });
	const upscalePost = v1.log.filter((r) => r.method === 'POST' && r.path === '/v1/upscale');
	expect(upscalePost.map((r) => r.body)).toEqual([{ job_id: imagined.jobid, index: 1 }]);
	expect(Object.keys(upscaled.binary)).toEqual(['image1']);
	expect(upscaled.binary.image1.mimeType).toBe('image/png');
	// one POST per job, none repeated
	expect(v1.log.filter((r) => r.method === 'POST' && r.path === '/v1/imagine')).toHaveLength(1);
});

test('08 Midjourney v2 (Legacy): two prompts polled to completion in input order, grids as binary', async () => {
	const id = await stack.importExample('08', undefined, credentials);
	const run = await n8n.runWorkflow(id);
	expect(run.status).toBe('success');
	const items = run.items('Imagine');
	expect(items.map((i) => i.json.prompt ?? i.json.request?.prompt)).toEqual([
		'an old tram in the fog',
		'a garden of glass flowers',
	]);
	for (const { json, binary } of items) {
		expect(json.status).toBe('completed');
		expect(binary.data.mimeType).toBe('image/png');
	}
	const posts = v2.log.filter((r) => r.method === 'POST' && r.path === '/v2/jobs/imagine');
	expect(posts).toHaveLength(2);
	expect(v2.log.some((r) => r.method === 'GET' && r.path.startsWith('/v2/jobs'))).toBe(true);
});

test('no API key in n8n log, execution data, database, or the simulators\' logs', async () => {
	await assertNoTokenLeak(stack, { secrets: { v1Token, v2Token }, checkUsed: false });
	expect(JSON.stringify(v1.log)).not.toContain(v1Token);
	expect(JSON.stringify(v2.log)).not.toContain(v2Token);
});
