'use strict';
// Tests of the Legnext Midjourney API simulator (tools/simulator-legnext) against the facts sheet
// api-docs/legnext/README.md (sections §1-§13 cited in the test names).
const http = require('node:http');
const { startLegnextSimulator } = require('../tools/simulator-legnext');

const KEY = 'sim-legnext-key';
const AUTH = { 'x-api-key': KEY };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const ZERO = '0001-01-01T00:00:00Z';
const TASK_KEYS = [
	'job_id',
	'model',
	'task_type',
	'status',
	'config',
	'input',
	'output',
	'meta',
	'detail',
	'logs',
	'error',
];
const DEFAULTS = {
	jobDurationMs: 80,
	concurrency: 6,
	overLimit: '429',
	stagedVisible: true,
	callbackStatuses: 'all',
	callbackTimestampUnit: 'ms',
	errorShape: 'task',
	resultTtlMs: 3600000,
	jobTtlMs: 259200000,
	jobReadNeedsKey: true,
	s2OnlyEndpoints: false,
	disabledFeatures: ['edit'],
	upscaleExtraTypes: false,
	upscaleImageUrls: 'null',
};

let sim;
beforeAll(async () => (sim = await startLegnextSimulator(DEFAULTS)));
beforeEach(() => sim.configure(DEFAULTS));
afterEach(() => sim.reset());
afterAll(() => sim.close());

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** fetch() on the API origin with the key (unless `headers` replaces it). */
const get = (path, headers = AUTH) => fetch(`${sim.url}${path}`, { headers });
const post = (path, body, headers = AUTH) =>
	fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});

/** POST, then { status, body (parsed), headers }. */
const call = (path, body, headers) =>
	post(path, body, headers).then(async (res) => ({
		status: res.status,
		headers: res.headers,
		body: await res.json(),
	}));

/** POST a task; expects 200 and returns the task object answered. */
async function submit(type, body) {
	const { status, body: task } = await call(`/api/v1/${type}`, body);
	expect({ status, error: task.error }).toEqual({ status: 200, error: expect.anything() });
	return task;
}

async function getJob(id) {
	const res = await get(`/api/v1/job/${id}`);
	expect(res.status).toBe(200);
	return res.json();
}

async function untilFinal(id) {
	for (let i = 0; i < 1000; i++) {
		const task = await getJob(id);
		if (task.status === 'completed' || task.status === 'failed') return task;
		await wait(5);
	}
	throw new Error(`task ${id} never finished`);
}

async function completed(type, body) {
	const task = await untilFinal((await submit(type, body)).job_id);
	expect(task.status).toBe('completed');
	return task;
}
const grid = (text = 'a red fox') => completed('diffusion', { text });

/** Resolves once `predicate()` holds (checked every 5 ms), rejects after `ms`. */
async function until(predicate, ms = 5000) {
	for (const end = Date.now() + ms; !predicate(); await wait(5))
		if (Date.now() > end) throw new Error('condition not reached');
}

/** A callback receiver answering `statuses` in turn (then 200); records headers and body. */
async function receiver(statuses = []) {
	const hits = [];
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		hits.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
		res.writeHead(statuses.shift() ?? 200).end('ok');
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address();
	return { url: `http://127.0.0.1:${port}/hook`, hits, close: () => server.close() };
}

/** The error answer: the captured 403 shape (§8), a task object around `error`. */
function expectTaskError(body, code, message = expect.any(String)) {
	const empty = Object.fromEntries(TASK_KEYS.map((key) => [key, null]));
	for (const key of ['job_id', 'model', 'task_type']) empty[key] = '';
	expect(body).toEqual({
		...empty,
		status: 'failed',
		config: { service_mode: '', webhook_config: { endpoint: '', secret: '' } },
		error: { code, raw_message: '', message, detail: null },
	});
}

describe('auth (§2)', () => {
	test.each([
		['no key', {}, /Missing API key/],
		['a wrong key', { 'x-api-key': 'nope' }, /Invalid API key/],
		['a Bearer token', { authorization: `Bearer ${KEY}` }, /Missing API key/],
	])('%s -> 401 in the error shape', async (_, headers, message) => {
		for (const res of [
			await post('/api/v1/diffusion', { text: 'a' }, headers),
			await get('/api/account/balance', headers),
			await get('/api/v1/job/00000000-0000-4000-8000-000000000000', headers),
		]) {
			expect(res.status).toBe(401);
			expectTaskError(await res.json(), 401, expect.stringMatching(message));
		}
		expect(sim.tasks.size).toBe(0);
	});

	test('the header name is case-insensitive; the key option sets sim.key', async () => {
		expect((await get('/api/account/balance', { 'X-API-KEY': KEY })).status).toBe(200);
		const other = await startLegnextSimulator({ key: 'k2' });
		try {
			expect(other.key).toBe('k2');
			const res = await fetch(`${other.url}/api/account/balance`, {
				headers: { 'x-api-key': 'k2' },
			});
			expect(res.status).toBe(200);
		} finally {
			await other.close();
		}
	});

	test('jobReadNeedsKey false lets GET job through without a key (S8/S9); other calls still 401', async () => {
		const task = await submit('diffusion', { text: 'a' });
		expect((await get(`/api/v1/job/${task.job_id}`, {})).status).toBe(401);
		sim.configure({ jobReadNeedsKey: false });
		expect((await get(`/api/v1/job/${task.job_id}`, {})).status).toBe(200);
		expect((await get('/api/account/balance', {})).status).toBe(401);
	});
});

describe('unknown paths', () => {
	test('404 in the error shape; no /v2, no cancel, no list (§3.3)', async () => {
		for (const [method, path] of [
			['POST', '/api/v1/imagine'],
			['POST', '/api/v1/job/x/cancel'],
			['GET', '/api/v1/jobs'],
			['GET', '/api/v1/diffusion'],
		]) {
			const res = await fetch(`${sim.url}${path}`, { method, headers: AUTH });
			expect(res.status).toBe(404);
			expectTaskError(await res.json(), 404);
		}
	});
});

describe('diffusion and the task lifecycle (§4, §5)', () => {
	test('200 pending task object with every field present but empty', async () => {
		const task = await submit('diffusion', { text: 'a red fox --v 7' });
		expect(Object.keys(task)).toEqual(TASK_KEYS);
		expect(task).toEqual({
			job_id: expect.stringMatching(UUID),
			model: 'midjourney',
			task_type: 'diffusion',
			status: 'pending',
			config: { service_mode: 'public', webhook_config: { endpoint: '', secret: '' } },
			input: null,
			output: { image_url: '', image_urls: null, seed: '' },
			meta: {
				created_at: expect.stringMatching(SECONDS),
				started_at: ZERO,
				ended_at: ZERO,
				usage: { type: 'point', frozen: 80, consume: 0 },
			},
			detail: null,
			logs: [],
			error: { code: 0, raw_message: '', message: '', detail: null },
		});
	});

	test('pending -> staged -> processing -> completed; the completed grid as captured', async () => {
		const hook = await receiver();
		try {
			const { job_id: id } = await submit('diffusion', { text: 'fox', callback: hook.url });
			const task = await untilFinal(id);
			await until(() => hook.hits.length === 3);
			expect(hook.hits.map((h) => h.body.data.status)).toEqual([
				'staged',
				'processing',
				'completed',
			]);
			expect(task.status).toBe('completed');
			expect(task.input).toEqual({ text: 'fox' });
			expect(task.output).toEqual({
				image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/(mj|temp)\/.+\.png$/),
				image_urls: [0, 1, 2, 3].map((n) => `${sim.cdnUrl}/mj/${id}_${n}.png`),
				seed: expect.stringMatching(/^\d+$/),
				available_actions: {
					upscale: [0, 1, 2, 3],
					variation: [0, 1, 2, 3],
					pan: [0, 1, 2, 3],
					outpaint: [0, 1, 2, 3],
					inpaint: [0, 1, 2, 3],
					remix: [0, 1, 2, 3],
					edit: [0, 1, 2, 3],
					reroll: true,
				},
			});
			expect(task.meta.started_at).toMatch(SECONDS);
			expect(task.meta.started_at).not.toBe(ZERO);
			expect(task.meta.ended_at).not.toBe(ZERO);
			expect(task.meta.usage).toEqual({ type: 'point', frozen: 80, consume: 80 });
			expect(task.error.code).toBe(0);
		} finally {
			await hook.close();
		}
	});

	test('stagedVisible false skips staged; [[retry]] passes through the undocumented retry (S9)', async () => {
		const hook = await receiver();
		try {
			sim.configure({ stagedVisible: false });
			const a = await submit('diffusion', { text: 'a', callback: hook.url });
			sim.configure({ stagedVisible: true });
			const b = await submit('diffusion', { text: 'b [[retry]]', callback: hook.url });
			await untilFinal(a.job_id);
			await untilFinal(b.job_id);
			await until(() => sim.callbacks.length === 7);
			const of = (id) => sim.callbacks.filter((c) => c.jobId === id).map((c) => c.jobStatus);
			expect(of(a.job_id)).toEqual(['processing', 'completed']);
			expect(of(b.job_id)).toEqual(['staged', 'processing', 'retry', 'processing', 'completed']);
		} finally {
			await hook.close();
		}
	});

	test('[[failed]], [[moderated]] and failJobs end failed with error code/message; [[blocked]] is a 400 without a task', async () => {
		const failed = await untilFinal((await submit('diffusion', { text: 'x [[failed]]' })).job_id);
		expect(failed).toMatchObject({
			status: 'failed',
			output: { image_url: '', image_urls: null, seed: '' },
			error: { code: 500, message: expect.stringMatching(/failed/), detail: null },
		});
		expect(failed.error.raw_message).toBe(failed.error.message);
		expect(failed.meta.usage).toEqual({ type: 'point', frozen: 80, consume: 0 });
		const moderated = await untilFinal(
			(await submit('diffusion', { text: 'y [[moderated]]' })).job_id,
		);
		expect(moderated.error).toMatchObject({
			code: 400,
			message: expect.stringMatching(/moderation/),
		});

		const parent = await grid();
		sim.setFaults({ failJobs: 1 });
		const up = await submit('upscale', { jobId: parent.job_id, imageNo: 0, type: 0 });
		expect((await untilFinal(up.job_id)).status).toBe('failed');

		const blocked = await call('/api/v1/diffusion', { text: 'z [[blocked]]' });
		expect(blocked.status).toBe(400);
		expectTaskError(blocked.body, 400, expect.stringMatching(/moderation/));
		expect(sim.stats()).toMatchObject({ submitted: 4, completed: 1, failed: 3 });
	});

	test('[[ms=N]] sets one task duration; finishRunningJobs ends every task now', async () => {
		const long = await submit('diffusion', { text: 'slow [[ms=60000]]' });
		await wait(30);
		expect((await getJob(long.job_id)).status).not.toBe('completed');
		sim.finishRunningJobs();
		expect((await getJob(long.job_id)).status).toBe('completed');
	});

	test('unknown JSON fields are ignored (S4: aspectRatio)', async () => {
		expect((await call('/api/v1/diffusion', { text: 'a', aspectRatio: '16:9' })).status).toBe(200);
	});
});
