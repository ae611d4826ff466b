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

/** POST a diffusion of `text` to `target` (this or another simulator), no parsing. */
const diffusionOn = (target, text, init = {}) =>
	fetch(`${target.url}/api/v1/diffusion`, {
		method: 'POST',
		headers: { ...AUTH, 'content-type': 'application/json' },
		body: JSON.stringify({ text }),
		...init,
	});

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

describe('follow-ups on a finished grid (§3.1)', () => {
	test.each([
		['variation', { imageNo: 1, type: 0 }, 120],
		['variation', { imageNo: 3, type: 1, remixPrompt: 'now in blue' }, 120],
		['reroll', {}, 80],
		['pan', { imageNo: 0, direction: 3, scale: 1.5, remixPrompt: 'more sky' }, 120],
		['outpaint', { imageNo: 2, scale: 2.0 }, 120],
		['inpaint', { imageNo: 1, mask: { url: 'https://e.com/mask.png' } }, 120],
		[
			'inpaint',
			{ imageNo: 1, mask: { areas: [{ width: 500, height: 600, points: [0, 0, 10, 0, 10, 10] }] } },
			120,
		],
		['remix', { imageNo: 0, remixPrompt: 'a cat instead', mode: 1 }, 120],
	])('%s %j -> a new grid of 4 with every action', async (type, fields, price) => {
		const parent = await grid();
		const task = await completed(type, { jobId: parent.job_id, ...fields });
		expect(task.task_type).toBe(type);
		expect(task.output.image_urls).toHaveLength(4);
		expect(task.output.available_actions.reroll).toBe(true);
		expect(task.meta.usage).toEqual({ type: 'point', frozen: price, consume: price });
	});

	test('upscale: one image in image_url, image_urls null by default, no further grid action (§4)', async () => {
		const parent = await grid();
		const up = await completed('upscale', { jobId: parent.job_id, imageNo: 2, type: 1 });
		expect(up.output).toMatchObject({
			image_url: `${sim.cdnUrl}/mj/${up.job_id}_0.png`,
			image_urls: null,
			seed: expect.stringMatching(/^\d+$/),
			available_actions: { upscale: [], variation: [], reroll: false },
		});
		expect(up.meta.usage.consume).toBe(160);
		sim.configure({ upscaleImageUrls: 'list' });
		const listed = await completed('upscale', { jobId: parent.job_id, imageNo: 0, type: 0 });
		expect(listed.output.image_urls).toEqual([listed.output.image_url]);
		sim.configure({ upscaleImageUrls: 'empty' });
		expect(
			(await completed('upscale', { jobId: parent.job_id, imageNo: 0, type: 0 })).output.image_urls,
		).toEqual([]);
	});

	test('upscale type 2 / 3 (S5 only) are 400 unless upscaleExtraTypes', async () => {
		const parent = await grid();
		const refused = await call('/api/v1/upscale', { jobId: parent.job_id, imageNo: 0, type: 3 });
		expect(refused.status).toBe(400);
		expectTaskError(refused.body, 400, expect.stringMatching(/type must be one of: 0, 1$/));
		sim.configure({ upscaleExtraTypes: true });
		const up = await completed('upscale', { jobId: parent.job_id, imageNo: 0, type: 3 });
		expect(up.meta.usage.consume).toBe(240);
	});

	test('edit answers the captured 403 "whitelisted accounts" by default; with disabledFeatures [] it runs', async () => {
		const parent = await grid();
		const body = {
			jobId: parent.job_id,
			imageNo: 0,
			canvas: { width: 1024, height: 1024 },
			imgPos: { width: 512, height: 512, x: 256, y: 256 },
			remixPrompt: 'on a beach',
		};
		const refused = await call('/api/v1/edit', body);
		expect(refused.status).toBe(403);
		expectTaskError(
			refused.body,
			403,
			'This feature is only available for whitelisted accounts. Please upgrade your plan or contact customer support to access this feature.',
		);
		sim.configure({ disabledFeatures: ['pan'] });
		expect((await completed('edit', body)).output.image_urls).toHaveLength(4);
		expect(
			(await call('/api/v1/pan', { jobId: parent.job_id, imageNo: 0, direction: 0, scale: 2 }))
				.status,
		).toBe(403);
	});
});

describe('tasks from images and texts (§3.1)', () => {
	test('blend: 2-5 URLs and aspect_ratio -> a grid', async () => {
		const task = await completed('blend', {
			imgUrls: ['https://e.com/1.png', 'https://e.com/2.png', 'https://e.com/3.png'],
			aspect_ratio: '3:2',
		});
		expect(task.output.image_urls).toHaveLength(4);
	});

	test('describe: four prompts in output.prompts; shorten: shorter prompts; no images', async () => {
		const described = await completed('describe', { imgUrl: 'https://e.com/a.png' });
		expect(described.output).toMatchObject({ image_url: '', image_urls: null });
		expect(described.output.prompts).toHaveLength(4);
		expect(described.meta.usage.consume).toBe(20);
		const short = await completed('shorten', {
			prompt: 'a very long prompt about a fox in the snow',
		});
		expect(short.output.prompts).toEqual([
			'a very long prompt about',
			'a very long prompt',
			'a very long',
			'a very',
			'a',
		]);
	});
});

describe('video (§3.2)', () => {
	test('video-diffusion from a job or from a prompt -> 4 MP4s; extend-video; video-upscale -> 1', async () => {
		const parent = await grid();
		const fromJob = await completed('video-diffusion', {
			jobId: parent.job_id,
			imageNo: 1,
			videoType: 1,
		});
		expect(fromJob.output.video_urls).toEqual(
			[0, 1, 2, 3].map((n) => `${sim.cdnUrl}/mj/${fromJob.job_id}_${n}.mp4`),
		);
		expect(fromJob.output.video_url).toBe(fromJob.output.video_urls[0]);
		expect(fromJob.meta.usage.consume).toBe(1536);
		const fromPrompt = await completed('video-diffusion', { prompt: 'https://e.com/a.png waves' });
		expect(fromPrompt.meta.usage.consume).toBe(480);
		const res = await fetch(fromPrompt.output.video_urls[3]);
		expect(res.headers.get('content-type')).toBe('video/mp4');
		expect(Buffer.from(await res.arrayBuffer()).toString('latin1', 4, 8)).toBe('ftyp');

		const extended = await completed('extend-video', {
			jobId: fromJob.job_id,
			videoNo: 2,
			prompt: 'on',
		});
		expect(extended.output.video_urls).toHaveLength(4);
		const upscaled = await completed('video-upscale', { jobId: extended.job_id, videoNo: 0 });
		expect(upscaled.output.video_urls).toHaveLength(1);
	});

	test('a video is extended at most 4 times (S1: max 20 s); video follow-ups need a video task', async () => {
		let video = await completed('video-diffusion', { prompt: 'waves' });
		for (let i = 0; i < 4; i++)
			video = await completed('extend-video', { jobId: video.job_id, videoNo: 0 });
		const fifth = await call('/api/v1/extend-video', { jobId: video.job_id, videoNo: 0 });
		expect(fifth.status).toBe(400);
		expect(fifth.body.error.message).toMatch(/4 times/);
		const image = await grid();
		for (const type of ['extend-video', 'video-upscale']) {
			const res = await call(`/api/v1/${type}`, { jobId: image.job_id, videoNo: 0 });
			expect(res.status).toBe(400);
			expect(res.body.error.message).toMatch(/not a video job/);
		}
	});
});

describe('request validation (§3: S2 types, enums and ranges; 400 in the error shape)', () => {
	const ID = '11111111-1111-4111-8111-111111111111';
	const long = 'x'.repeat(8193);
	test.each([
		['diffusion', '', /body is required/],
		['diffusion', '[1]', /JSON object/],
		['diffusion', '{bad', /not valid JSON/],
		['diffusion', {}, /^text is required$/],
		['diffusion', { text: '' }, /text must be at least 1/],
		['diffusion', { text: long }, /text must be at most 8192/],
		['diffusion', { text: 5 }, /text must be a string/],
		[
			'diffusion',
			{ text: 'a', callback: 'not a url' },
			/callback must be an absolute http\(s\) URL/,
		],
		['variation', { jobId: ID, imageNo: 0 }, /type is required/],
		['variation', { jobId: 'job-1', imageNo: 0, type: 0 }, /jobId must be a UUID/],
		['variation', { jobId: ID, imageNo: 4, type: 0 }, /imageNo must be <= 3/],
		['variation', { jobId: ID, imageNo: -1, type: 0 }, /imageNo must be >= 0/],
		['variation', { jobId: ID, imageNo: 1.5, type: 0 }, /imageNo must be an integer/],
		['variation', { jobId: ID, imageNo: '1', type: 0 }, /imageNo must be an integer/],
		['variation', { jobId: ID, imageNo: 0, type: 2 }, /type must be one of: 0, 1/],
		[
			'variation',
			{ jobId: ID, imageNo: 0, type: 0, remixPrompt: '' },
			/remixPrompt must be at least 1/,
		],
		['upscale', { jobId: ID, imageNo: 0 }, /type is required/],
		['reroll', {}, /jobId is required/],
		['pan', { jobId: ID, imageNo: 0, direction: 0 }, /scale is required/],
		['pan', { jobId: ID, imageNo: 0, direction: 'up', scale: 2 }, /direction must be an integer/],
		[
			'pan',
			{ jobId: ID, imageNo: 0, direction: 4, scale: 2 },
			/direction must be one of: 0, 1, 2, 3/,
		],
		['pan', { jobId: ID, imageNo: 0, direction: 0, scale: 1.0 }, /scale must be >= 1.1/],
		['pan', { jobId: ID, imageNo: 0, direction: 0, scale: 3.1 }, /scale must be <= 3/],
		['outpaint', { jobId: ID, imageNo: 0, scale: 2.1 }, /scale must be <= 2/],
		['outpaint', { jobId: ID, imageNo: 0, scale: 1 }, /scale must be >= 1.1/],
		['inpaint', { jobId: ID, imageNo: 0 }, /mask is required/],
		['inpaint', { jobId: ID, imageNo: 0, mask: {} }, /either areas or url/],
		[
			'inpaint',
			{ jobId: ID, imageNo: 0, mask: { url: 'https://e.com/m.png', areas: [] } },
			/areas must contain at least 1/,
		],
		[
			'inpaint',
			{
				jobId: ID,
				imageNo: 0,
				mask: { areas: [{ width: 499, height: 600, points: [0, 0, 1, 1, 2, 2] }] },
			},
			/mask.areas\[0\].width must be >= 500/,
		],
		[
			'inpaint',
			{
				jobId: ID,
				imageNo: 0,
				mask: { areas: [{ width: 500, height: 4097, points: [0, 0, 1, 1, 2, 2] }] },
			},
			/height must be <= 4096/,
		],
		[
			'inpaint',
			{
				jobId: ID,
				imageNo: 0,
				mask: { areas: [{ width: 500, height: 500, points: [0, 0, 1, 1, 2, 2, 3] }] },
			},
			/even count/,
		],
		['remix', { jobId: ID, imageNo: 0, remixPrompt: 'a' }, /mode is required/],
		['remix', { jobId: ID, imageNo: 0, mode: 0 }, /remixPrompt is required/],
		['remix', { jobId: ID, imageNo: 0, remixPrompt: 'a', mode: 2 }, /mode must be one of: 0, 1/],
		['remix', { jobId: ID, imageNo: 0, remixPrompt: long, mode: 0 }, /at most 8192/],
		['blend', { imgUrls: ['https://e.com/1.png'], aspect_ratio: '1:1' }, /at least 2 items/],
		[
			'blend',
			{ imgUrls: Array(6).fill('https://e.com/1.png'), aspect_ratio: '1:1' },
			/at most 5 items/,
		],
		[
			'blend',
			{ imgUrls: ['https://e.com/1.png', 'x'], aspect_ratio: '1:1' },
			/imgUrls\[1\] must be an absolute/,
		],
		[
			'blend',
			{ imgUrls: ['https://e.com/1.png', 'https://e.com/2.png'], aspect_ratio: '16:9' },
			/2:3, 1:1, 3:2/,
		],
		[
			'blend',
			{ imgUrls: ['https://e.com/1.png', 'https://e.com/2.png'], aspectRatio: '1:1' },
			/aspect_ratio is required/,
		],
		['describe', {}, /imgUrl is required/],
		['describe', { imgUrl: 'ftp://e.com/a.png' }, /imgUrl must be an absolute http\(s\) URL/],
		['shorten', { prompt: '' }, /prompt must be at least 1/],
		['video-diffusion', {}, /prompt is required when jobId is not given/],
		['video-diffusion', { jobId: ID }, /imageNo is required with jobId/],
		['video-diffusion', { prompt: 'a', videoType: 2 }, /videoType must be one of: 0, 1/],
		['extend-video', { jobId: ID }, /videoNo is required/],
		['extend-video', { jobId: ID, videoNo: 4 }, /videoNo must be <= 3/],
		['video-upscale', { jobId: ID, videoNo: -1 }, /videoNo must be >= 0/],
	])('%s %j -> 400 %s', async (type, body, message) => {
		const res = await call(`/api/v1/${type}`, body);
		expect(res.status).toBe(400);
		expectTaskError(res.body, 400, expect.stringMatching(message));
		expect(sim.tasks.size).toBe(0);
	});

	test('edit canvas / imgPos fields are required integers (with disabledFeatures [])', async () => {
		sim.configure({ disabledFeatures: [] });
		const base = { jobId: ID, imageNo: 0, remixPrompt: 'a', canvas: { width: 10, height: 10 } };
		for (const [imgPos, message] of [
			[undefined, /imgPos is required/],
			[{ width: 1, height: 1, x: 0 }, /imgPos.y is required/],
			[{ width: 1, height: 1, x: 0.5, y: 0 }, /imgPos.x must be an integer/],
		]) {
			const res = await call('/api/v1/edit', { ...base, imgPos });
			expect(res.body.error.message).toMatch(message);
		}
	});
});

describe('the earlier task a follow-up names', () => {
	test('unknown 404, not completed 400, action not in available_actions 400', async () => {
		const unknown = await call('/api/v1/reroll', { jobId: '22222222-2222-4222-8222-222222222222' });
		expect(unknown.status).toBe(404);
		expectTaskError(unknown.body, 404, expect.stringMatching(/not found/));
		const running = await submit('diffusion', { text: 'slow [[ms=60000]]' });
		const early = await call('/api/v1/upscale', { jobId: running.job_id, imageNo: 0, type: 0 });
		expect(early.status).toBe(400);
		expect(early.body.error.message).toMatch(/is pending; only completed jobs/);
		const parent = await grid();
		const up = await completed('upscale', { jobId: parent.job_id, imageNo: 0, type: 0 });
		for (const [type, body] of [
			['variation', { jobId: up.job_id, imageNo: 0, type: 0 }],
			['reroll', { jobId: up.job_id }],
			['pan', { jobId: up.job_id, imageNo: 0, direction: 1, scale: 2 }],
		]) {
			const res = await call(`/api/v1/${type}`, body);
			expect(res.status).toBe(400);
			expect(res.body.error.message).toMatch(/is not available on job/);
		}
		const describe = await completed('describe', { imgUrl: 'https://e.com/a.png' });
		const video = await call('/api/v1/video-diffusion', { jobId: describe.job_id, imageNo: 0 });
		expect(video.body.error.message).toMatch(/has no image 0/);
		const failed = await untilFinal((await submit('diffusion', { text: '[[failed]]' })).job_id);
		expect((await call('/api/v1/reroll', { jobId: failed.job_id })).body.error.message).toMatch(
			/is failed/,
		);
	});
});

describe('S2-only endpoints (open question 9)', () => {
	test('404 by default; with s2OnlyEndpoints they run', async () => {
		const parent = await grid('a hut --v 7 --draft');
		const plain = await grid('a hut --v 7');
		const bodies = {
			'upload-paint': {
				imgUrl: 'https://e.com/a.png',
				canvas: { width: 1024, height: 1024 },
				imgPos: { width: 512, height: 512, x: 0, y: 0 },
				remixPrompt: 'a lake',
				mask: { url: 'https://e.com/m.png' },
			},
			retexture: { imgUrl: 'https://e.com/a.png', remixPrompt: 'made of wood' },
			'remove-background': { imgUrl: 'https://e.com/a.png' },
			enhance: { jobId: parent.job_id, imageNo: 0 },
		};
		for (const [type, body] of Object.entries(bodies))
			expect((await call(`/api/v1/${type}`, body)).status).toBe(404);
		for (const path of ['/api/account/info', '/api/account/active_tasks'])
			expect((await get(path)).status).toBe(404);

		sim.configure({ s2OnlyEndpoints: true });
		for (const [type, body] of Object.entries(bodies))
			expect((await completed(type, body)).task_type).toBe(type);
		const big = await call('/api/v1/retexture', {
			imgUrl: `https://e.com/${'a'.repeat(1024)}`,
			remixPrompt: 'x',
		});
		expect(big.body.error.message).toMatch(/imgUrl must be at most 1024/);
		const notDraft = await call('/api/v1/enhance', { jobId: plain.job_id, imageNo: 0 });
		expect(notDraft.body.error.message).toMatch(/--draft/);

		await submit('diffusion', { text: 'busy [[ms=60000]]' });
		const active = await (await get('/api/account/active_tasks')).json();
		expect(active).toEqual({
			account_id: 10001,
			total_active: 1,
			concurrent_limit: 6,
			tasks: [
				{
					job_id: expect.stringMatching(UUID),
					task_type: 'diffusion',
					status: expect.stringMatching(/pending|staged|processing/),
					created_at: expect.stringMatching(SECONDS),
					progress: expect.any(Number),
					estimated_time: expect.any(Number),
				},
			],
			updated_at: expect.any(String),
		});
		const info = await (await get('/api/account/info')).json();
		expect(info).toMatchObject({ plan: 'pro', status: 'active', quota: { monthly_limit: 30000 } });
	});
});

describe('points and balance (§3.4, §5, §9)', () => {
	const balance = async () => (await (await get('/api/account/balance')).json()).data;

	test('GET /api/account/balance: the captured envelope and fields', async () => {
		expect(await (await get('/api/account/balance')).json()).toEqual({
			code: 200,
			message: 'success',
			data: {
				account_id: 10001,
				balance_usd: 30,
				available_credits: 0,
				available_points: 30000,
				alert_threshold: 5,
				low_balance_alert: false,
				updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
			},
		});
	});

	test('a task freezes its price at submit, consumes it at completion; a failed one gets it back', async () => {
		const task = await submit('diffusion', { text: 'slow [[ms=60000]]' });
		expect((await balance()).available_points).toBe(29920);
		expect(sim.wallet.frozen).toBe(80);
		sim.finishRunningJobs();
		expect((await getJob(task.job_id)).meta.usage).toEqual({
			type: 'point',
			frozen: 80,
			consume: 80,
		});
		expect((await balance()).available_points).toBe(29920);
		await untilFinal((await submit('diffusion', { text: 'x [[failed]]' })).job_id);
		expect((await balance()).available_points).toBe(29920);
		await completed('diffusion', { text: 'fast one --turbo' });
		expect((await balance()).available_points).toBe(29920 - 160);
		expect(sim.stats()).toMatchObject({ consumed: 240, wallet: { frozen: 0 } });
	});

	test('credits pay when points do not suffice (usage.type credit); 402 when neither does', async () => {
		sim.setBalance({ points: 50, credits: 100 });
		const task = await submit('diffusion', { text: 'a' });
		expect(task.meta.usage).toEqual({ type: 'credit', frozen: 80, consume: 0 });
		const refused = await call('/api/v1/diffusion', { text: 'b' });
		expect(refused.status).toBe(402);
		expectTaskError(refused.body, 402, expect.stringMatching(/Insufficient balance/));
		expect(sim.tasks.size).toBe(1);
		expect(await balance()).toMatchObject({
			available_points: 50,
			available_credits: 20,
			balance_usd: 0.07,
			low_balance_alert: true,
		});
	});
});

describe('concurrency (§8, open question 3)', () => {
	test('overLimit 429 (default): beyond 6 unfinished tasks a submit is 429, no Retry-After; a slot frees at the final status', async () => {
		const six = Array.from({ length: 6 }, (_, i) => `busy ${i} [[ms=60000]]`);
		await Promise.all(six.map((text) => submit('diffusion', { text })));
		const refused = await call('/api/v1/diffusion', { text: 'one too many' });
		expect(refused.status).toBe(429);
		expectTaskError(refused.body, 429, expect.stringMatching(/Concurrent task limit/));
		expect(refused.headers.get('retry-after')).toBeNull();
		expect((await call('/api/v1/describe', { imgUrl: 'https://e.com/a.png' })).status).toBe(429);
		expect(sim.stats()).toMatchObject({ running: 6, maxConcurrent: 6, submitted: 6 });
		expect(sim.wallet.points).toBe(30000 - 6 * 80); // a refused submit freezes nothing
		sim.finishRunningJobs();
		expect((await call('/api/v1/diffusion', { text: 'now' })).status).toBe(200);
		expect(sim.stats().submitResponses).toEqual({ 200: 7, 429: 2 });
	});

	test('overLimit queue: extra tasks wait pending (FIFO) and start as slots free', async () => {
		sim.configure({ overLimit: 'queue', concurrency: 2 });
		const first = await submit('diffusion', { text: 'a [[ms=60000]]' });
		await submit('diffusion', { text: 'b [[ms=60000]]' });
		const queued = await submit('diffusion', { text: 'c [[ms=30]]' });
		expect(sim.stats()).toMatchObject({ running: 2, queued: 1 });
		await wait(100);
		expect((await getJob(queued.job_id)).status).toBe('pending');
		sim.meta.get(first.job_id).finishNow();
		expect(sim.stats()).toMatchObject({ running: 2, queued: 0 });
		expect((await untilFinal(queued.job_id)).status).toBe('completed');
		expect(sim.stats().maxConcurrent).toBe(2);
		await submit('diffusion', { text: 'd [[ms=60000]]' }); // runs beside b
		const waiting = await submit('diffusion', { text: 'e [[ms=60000]]' });
		expect(sim.stats()).toMatchObject({ running: 2, queued: 1 });
		sim.configure({ concurrency: 3 }); // a higher limit starts the oldest queued task at once
		expect(sim.stats()).toMatchObject({ running: 3, queued: 0 });
		expect(sim.meta.get(waiting.job_id).slot).toBe(true);
	});

	test('retryAfterSeconds adds Retry-After to every 429', async () => {
		const other = await startLegnextSimulator({ concurrency: 1, retryAfterSeconds: 7 });
		try {
			const send = () => diffusionOn(other, 'x [[ms=60000]]');
			expect((await send()).status).toBe(200);
			const res = await send();
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('7');
			other.setFaults({ force429: 1 });
			other.finishRunningJobs();
			expect((await send()).headers.get('retry-after')).toBe('7');
		} finally {
			await other.close();
		}
		expect(other.timers.size).toBe(0);
	});
});

describe('callbacks (§6, open questions 4-5)', () => {
	test('POST { timestamp (ms), data: task } for every status after the create answer, unsigned, in order', async () => {
		const hook = await receiver();
		try {
			const task = await submit('diffusion', { text: 'cb', callback: hook.url });
			expect(task.config.webhook_config).toEqual({ endpoint: hook.url, secret: '' });
			const final = await untilFinal(task.job_id);
			// sim.callbacks records an attempt once the receiver's answer is in, after the hit
			await until(() => hook.hits.length === 3 && sim.callbacks.length === 3);
			for (const hit of hook.hits) {
				expect(hit.headers['content-type']).toBe('application/json');
				expect(Object.keys(hit.headers).filter((h) => /sign|secret|key|auth/i.test(h))).toEqual([]);
				expect(Object.keys(hit.body)).toEqual(['timestamp', 'data']);
				expect(hit.body.timestamp).toBeGreaterThan(1e12);
				expect(Object.keys(hit.body.data)).toEqual(TASK_KEYS);
			}
			expect(hook.hits[2].body.data).toEqual(final);
			expect(sim.callbacks.map((c) => [c.jobStatus, c.status, c.attempt])).toEqual([
				['staged', 200, 1],
				['processing', 200, 1],
				['completed', 200, 1],
			]);
		} finally {
			hook.close();
		}
	});

	test("callbackStatuses 'final' sends completed/failed only; timestamp in seconds with callbackTimestampUnit 's'", async () => {
		const hook = await receiver();
		try {
			sim.configure({ callbackStatuses: 'final', callbackTimestampUnit: 's' });
			const ok = await submit('diffusion', { text: 'a', callback: hook.url });
			const bad = await submit('diffusion', { text: 'b [[failed]]', callback: hook.url });
			await untilFinal(ok.job_id);
			await untilFinal(bad.job_id);
			await until(() => hook.hits.length === 2);
			expect(hook.hits.map((h) => h.body.data.status).sort()).toEqual(['completed', 'failed']);
			const failed = hook.hits.find((h) => h.body.data.status === 'failed').body;
			expect(failed.data.error.code).toBe(500);
			expect(failed.timestamp).toBeLessThan(1e11);
		} finally {
			hook.close();
		}
	});

	test('no retries by default; callbackRetries retries a non-2xx or refused delivery; duplicateCallbacks sends twice', async () => {
		sim.configure({ callbackStatuses: 'final' });
		const hook = await receiver([500, 503, 500]);
		try {
			sim.setFaults({ callbackRetryDelayMs: 1 }); // a retry, if any, would come at once
			const once = await submit('diffusion', { text: 'a', callback: hook.url });
			await untilFinal(once.job_id);
			await until(() => sim.callbacks.length === 1);
			await wait(50);
			expect(sim.callbacks.map((c) => c.status)).toEqual([500]);

			sim.setFaults({ callbackRetries: 2, callbackRetryDelayMs: 10 });
			const retried = await submit('diffusion', { text: 'b', callback: hook.url });
			await untilFinal(retried.job_id);
			await until(() => sim.callbacks.length === 4);
			expect(sim.callbacks.slice(1).map((c) => [c.status, c.attempt])).toEqual([
				[503, 1],
				[500, 2],
				[200, 3],
			]);

			sim.setFaults({ callbackRetries: 0, duplicateCallbacks: 1 });
			const twice = await submit('diffusion', { text: 'c', callback: hook.url });
			await untilFinal(twice.job_id);
			await until(() => hook.hits.filter((h) => h.body.data.job_id === twice.job_id).length === 2);
			const [a, b] = hook.hits.filter((h) => h.body.data.job_id === twice.job_id);
			expect(a.body).toEqual(b.body);
		} finally {
			hook.close();
		}
		sim.setFaults({ callbackRetries: 1, callbackRetryDelayMs: 10 });
		const dead = await submit('diffusion', { text: 'nobody listens', callback: hook.url });
		await untilFinal(dead.job_id);
		await until(() => sim.callbacks.filter((c) => c.jobId === dead.job_id).length === 2);
		expect(sim.callbacks.filter((c) => c.jobId === dead.job_id).map((c) => c.status)).toEqual([
			'error',
			'error',
		]);
	});
});

describe('results on their own origin (§1, §10)', () => {
	test('the CDN is another port; files need no key; whether a client sent one is recorded, never the key', async () => {
		const task = await grid();
		expect(new URL(sim.cdnUrl).port).not.toBe(new URL(sim.url).port);
		for (const url of [task.output.image_url, ...task.output.image_urls]) {
			expect(new URL(url).origin).toBe(sim.cdnUrl);
			const res = await fetch(url);
			expect(res.status).toBe(200);
			const png = Buffer.from(await res.arrayBuffer());
			expect(png.subarray(1, 4).toString()).toBe('PNG');
		}
		expect((await fetch(task.output.image_urls[0], { method: 'HEAD' })).status).toBe(200);
		await fetch(task.output.image_urls[1], {
			headers: { 'x-api-key': KEY, authorization: 'Bearer x' },
		});
		expect(sim.cdnLog.map((r) => r.sentKey)).toEqual([
			false,
			false,
			false,
			false,
			false,
			false,
			true,
		]);
		expect(sim.cdnLog.at(-1)).toEqual({
			method: 'GET',
			path: new URL(task.output.image_urls[1]).pathname,
			status: 200,
			sentKey: true,
			sentAuthorization: true,
		});
		expect(JSON.stringify(sim.cdnLog)).not.toContain(KEY);
		expect((await fetch(`${sim.cdnUrl}/mj/nothing.png`)).status).toBe(404);
		expect(
			(await fetch(`${sim.url}${new URL(task.output.image_urls[0]).pathname}`, { headers: AUTH }))
				.status,
		).toBe(404);
	});

	test('grid URLs alternate between /mj/<id>_grid.png and /temp/<ms>.png (do not infer meaning from the shape)', async () => {
		const shapes = [];
		for (let i = 0; i < 2; i++)
			shapes.push(new URL((await grid()).output.image_url).pathname.split('/')[1]);
		expect(shapes.sort()).toEqual(['mj', 'temp']);
	});

	test('result URLs expire resultTtlMs after completion (then 404); expireResults ends them at once', async () => {
		sim.configure({ resultTtlMs: 50 });
		const task = await grid();
		await wait(80);
		expect((await fetch(task.output.image_urls[0])).status).toBe(404);
		sim.configure({ resultTtlMs: 3600000 });
		const fresh = await grid();
		expect((await fetch(fresh.output.image_urls[0])).status).toBe(200);
		expect(sim.expireResults(fresh.job_id)).toBe(true);
		expect((await fetch(fresh.output.image_url)).status).toBe(404);
		expect((await getJob(fresh.job_id)).output.image_url).toBe(fresh.output.image_url); // the task still names it
	});

	test('cdnErrors: the next downloads answer these statuses', async () => {
		const task = await grid();
		sim.setFaults({ cdnErrors: [403, 503] });
		expect((await fetch(task.output.image_urls[0])).status).toBe(403);
		expect((await fetch(task.output.image_urls[0])).status).toBe(503);
		expect((await fetch(task.output.image_urls[0])).status).toBe(200);
	});

	test('publicUrl / cdnPublicUrl set the bases clients are given', async () => {
		const other = await startLegnextSimulator({ cdnPublicUrl: 'https://cdn.example.test' });
		try {
			expect(other.cdnUrl).toBe('https://cdn.example.test');
		} finally {
			await other.close();
		}
	});
});

describe('GET /api/v1/job/{job_id} (§3.3, open question 6)', () => {
	test('unknown or malformed ids 404; expireJob and jobTtlMs make a task 404 (S8: ~3 days)', async () => {
		for (const id of ['33333333-3333-4333-8333-333333333333', 'nope']) {
			const res = await get(`/api/v1/job/${id}`);
			expect(res.status).toBe(404);
			expectTaskError(await res.json(), 404, expect.stringMatching(/not found/));
		}
		const task = await submit('diffusion', { text: 'a' });
		expect(sim.expireJob(task.job_id)).toBe(true);
		expect((await get(`/api/v1/job/${task.job_id}`)).status).toBe(404);
		expect(sim.expireJob('unknown')).toBe(false);
		const other = await submit('diffusion', { text: 'b' });
		sim.configure({ jobTtlMs: 1 });
		await wait(5);
		expect((await get(`/api/v1/job/${other.job_id}`)).status).toBe(404);
	});

	test("readErrors: the next reads answer these statuses or 'reset' the socket", async () => {
		const task = await submit('diffusion', { text: 'a' });
		sim.setFaults({ readErrors: [502, 'reset'] });
		const bad = await get(`/api/v1/job/${task.job_id}`);
		expect(bad.status).toBe(502);
		expectTaskError(await bad.json(), 502, 'Bad Gateway');
		await expect(get(`/api/v1/job/${task.job_id}`)).rejects.toThrow();
		expect((await get(`/api/v1/job/${task.job_id}`)).status).toBe(200);
		expect(sim.log.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([
			502,
			'reset',
			200,
		]);
	});
});

describe('fault knobs', () => {
	test('setFaults throws on an unknown knob or a bad value (nothing applied); reset() restores defaults', () => {
		expect(() => sim.setFaults({ nope: 1 })).toThrow(/Unknown fault knob nope/);
		expect(() => sim.setFaults({ force429: 1, rate429: 2 })).toThrow(/between 0 and 1/);
		expect(sim.faults.force429).toBe(0);
		for (const bad of [
			{ submitErrors: [200] },
			{ submitAnswers: ['stall'] },
			{ readErrors: ['boom'] },
		])
			expect(() => sim.setFaults(bad)).toThrow(/must be an array of/);
		sim.setFaults({ force429: 2, trickleMs: 3 });
		sim.reset();
		expect(sim.faults).toMatchObject({ force429: 0, trickleMs: 0 });
	});

	test('force429 / rate429: the submit answers 429 and no task is created; invalid requests do not consume them', async () => {
		sim.setFaults({ force429: 1 });
		expect((await call('/api/v1/diffusion', {})).status).toBe(400);
		const limited = await call('/api/v1/diffusion', { text: 'a' });
		expect(limited.status).toBe(429);
		expectTaskError(limited.body, 429, expect.stringMatching(/Too many requests/));
		sim.setFaults({ rate429: 1 });
		expect((await call('/api/v1/diffusion', { text: 'a' })).status).toBe(429);
		sim.setFaults({ rate429: 0 });
		expect((await call('/api/v1/diffusion', { text: 'a' })).status).toBe(200);
		expect(sim.tasks.size).toBe(1);
	});

	test('submitErrors / rate5xx: the submit answers these statuses; no task, nothing frozen', async () => {
		sim.setFaults({ submitErrors: [500, 502] });
		expect((await call('/api/v1/diffusion', { text: 'a' })).status).toBe(500);
		const bad = await call('/api/v1/diffusion', { text: 'a' });
		expect(bad.status).toBe(502);
		expectTaskError(bad.body, 502, 'Bad Gateway');
		sim.setFaults({ rate5xx: 1 });
		expect((await call('/api/v1/diffusion', { text: 'a' })).status).toBe(503);
		expect(sim.tasks.size).toBe(0);
		expect(sim.wallet.points).toBe(30000);
	});

	test("submitAnswers 'hang' / 'cut': the task is created and runs, the client never gets its answer", async () => {
		sim.setFaults({ submitAnswers: ['hang', 'cut'] });
		const lost = (text) =>
			diffusionOn(sim, text, { signal: AbortSignal.timeout(300) }).then((res) => res.text());
		await expect(lost('hang')).rejects.toThrow();
		await expect(lost('cut')).rejects.toThrow();
		expect(sim.tasks.size).toBe(2);
		expect(sim.log.map((r) => r.lostAnswer)).toEqual(['hang', 'cut']);
		for (const id of sim.tasks.keys()) expect((await untilFinal(id)).status).toBe('completed');
		expect((await call('/api/v1/diffusion', { text: 'answered' })).status).toBe(200);
	});

	test('latencyMs holds every API answer back (a client that gives up first sees no answer)', async () => {
		sim.setFaults({ latencyMs: 5000 });
		await expect(
			fetch(`${sim.url}/api/account/balance`, { headers: AUTH, signal: AbortSignal.timeout(100) }),
		).rejects.toThrow();
		await until(() => sim.log[0]?.status === 'aborted');
	});

	test('trickleMs sends API and CDN bodies in pieces: the first arrives before the rest is written', async () => {
		const task = await grid();
		sim.setFaults({ trickleMs: 20 });
		const firstPiece = (url, headers = {}) =>
			new Promise((resolve, reject) => {
				const sizes = [];
				http
					.get(url, { headers }, (res) => {
						res.on('data', (c) => sizes.push(c.length));
						res.on('end', () => resolve({ sizes, length: Number(res.headers['content-length']) }));
					})
					.on('error', reject);
			});
		for (const [url, headers] of [
			[`${sim.url}/api/v1/job/${task.job_id}`, AUTH],
			[task.output.image_urls[0], {}],
		]) {
			const { sizes, length } = await firstPiece(url, headers);
			expect(sizes.length).toBeGreaterThan(1);
			expect(sizes[0]).toBeLessThan(length);
			expect(sizes.reduce((a, b) => a + b, 0)).toBe(length);
		}
	});

	test("errorShape 'envelope' answers S2's { error: {...} } instead", async () => {
		sim.configure({ errorShape: 'envelope' });
		const res = await call('/api/v1/diffusion', {});
		expect(res.body).toEqual({
			error: { code: 400, raw_message: '', message: 'text is required', detail: null },
		});
	});
});

describe('configure, log, stats, reset and close', () => {
	test('configure throws on an unknown key or a bad value and applies nothing', () => {
		expect(() => sim.configure({ nope: 1 })).toThrow(/Unknown config key nope/);
		expect(() => sim.configure({ concurrency: 3, overLimit: 'wait' })).toThrow(/429, queue/);
		expect(sim.config.concurrency).toBe(6);
		expect(() => sim.configure({ stagedVisible: 'yes' })).toThrow(/true or false/);
		expect(() => sim.configure({ jobDurationMs: -1 })).toThrow(/non-negative/);
		expect(() => sim.configure({ disabledFeatures: 'edit' })).toThrow(/array/);
	});

	test('the key never enters the log, even when a client leaks it into a body or query', async () => {
		const task = await submit('diffusion', { text: `oops ${KEY} pasted` });
		await get(`/api/v1/job/${task.job_id}?key=${KEY}`);
		await get('/api/account/balance', { 'x-api-key': `${KEY}x` });
		expect(sim.log[0]).toEqual({
			seq: 1,
			t: expect.any(Number),
			method: 'POST',
			path: '/api/v1/diffusion',
			query: {},
			status: 200,
			body: { text: 'oops [REDACTED] pasted' },
			jobId: task.job_id,
		});
		expect(sim.log[1]).toMatchObject({
			query: { key: '[REDACTED]' },
			status: 200,
			jobId: task.job_id,
		});
		expect(sim.log[2].status).toBe(401);
		expect(JSON.stringify(sim.log)).not.toContain(KEY);
	});

	test('stats() counts tasks, answers and the wallet; reset() restores the balance', async () => {
		await untilFinal((await submit('diffusion', { text: 'ok' })).job_id);
		await untilFinal((await submit('diffusion', { text: 'bad [[failed]]' })).job_id);
		await call('/api/v1/diffusion', {});
		expect(sim.stats()).toMatchObject({
			running: 0,
			queued: 0,
			submitted: 2,
			completed: 1,
			failed: 1,
			consumed: 80,
			submitResponses: { 200: 2, 400: 1 },
			jobs: 2,
			wallet: { points: 29920, credits: 0, frozen: 0 },
		});
		sim.reset();
		expect(sim.stats()).toMatchObject({ submitted: 0, jobs: 0, wallet: { points: 30000 } });
	});

	test('close() clears every timer, ends held answers and closes both origins; 127.0.0.1 by default', async () => {
		const other = await startLegnextSimulator();
		expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(other.cdnUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const send = (text) => diffusionOn(other, text);
		expect((await send('long [[ms=60000]]')).status).toBe(200);
		other.setFaults({ submitAnswers: ['hang'] });
		const hung = send('never answered').catch((e) => e);
		await until(() => other.tasks.size === 2);
		expect(other.timers.size).toBeGreaterThan(0);
		await other.close();
		expect(other.timers.size).toBe(0);
		expect(await hung).toHaveProperty('message', 'fetch failed');
		await expect(fetch(other.cdnUrl)).rejects.toThrow();
	});
});
