'use strict';
// Tests of the Midjourney Image Generation API /v1 simulator (tools/simulator-v1) against the
// official OpenAPI document in api-docs/official-midjourney-openapi.txt.
const http = require('node:http');
const zlib = require('node:zlib');
const { startV1Simulator } = require('../tools/simulator-v1');

const TOKEN = 'sim-v1-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JOB_KEYS = [
	'id',
	'type',
	'status',
	'progress',
	'prompt',
	'parameters',
	'result',
	'error',
	'created_at',
	'updated_at',
	'completed_at',
];

let sim;
beforeAll(async () => {
	sim = await startV1Simulator({ jobDurationMs: 150 });
});
afterAll(() => sim.close());
beforeEach(() => {
	sim.reset();
	sim.configure({ jobDurationMs: 150, progressSteps: 3, capacity: 3 });
});

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

function post(path, body, headers = AUTH) {
	return fetch(`${sim.url}${path}`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}
const get = (path, headers = AUTH) => fetch(`${sim.url}${path}`, { headers });

/** POST + parse; returns { status, body, headers }. */
async function call(path, body, headers) {
	const res = await post(path, body, headers);
	return { status: res.status, body: await res.json(), headers: res.headers };
}

async function submit(path, body) {
	const { status, body: created } = await call(path, body);
	expect(status).toBe(200);
	return created.data.job_id;
}

async function getJob(id) {
	const res = await get(`/v1/jobs/${id}`);
	expect(res.status).toBe(200);
	return res.json();
}

/** Polls until the job is final; returns it and every status/progress seen on the way. */
async function untilFinal(id) {
	const seen = [];
	for (let i = 0; i < 400; i++) {
		const job = await getJob(id);
		seen.push(job);
		if (['completed', 'failed', 'cancelled'].includes(job.status)) return { job, seen };
		await wait(10);
	}
	throw new Error(`job ${id} never finished`);
}

async function completedImagine(prompt = 'a red fox') {
	const { job } = await untilFinal(await submit('/v1/imagine', { prompt }));
	expect(job.status).toBe('completed');
	return job;
}

/** A webhook receiver answering `statuses` in turn (then 200). */
async function receiver(statuses = []) {
	const hits = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			hits.push({ contentType: req.headers['content-type'], body: JSON.parse(body) });
			res.writeHead(statuses.shift() ?? 200).end('ok');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		hits,
		close: () => new Promise((r) => server.close(r)),
	};
}

async function until(predicate, ms = 3000) {
	const end = Date.now() + ms;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('condition not reached');
		await wait(10);
	}
}

/** Width/height from a PNG's IHDR; also checks the signature and the IDAT inflates. */
function pngInfo(buf) {
	expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
	let off = 8;
	const idat = [];
	while (off < buf.length) {
		const len = buf.readUInt32BE(off);
		if (buf.toString('latin1', off + 4, off + 8) === 'IDAT')
			idat.push(buf.subarray(off + 8, off + 8 + len));
		off += 12 + len;
	}
	expect(zlib.inflateSync(Buffer.concat(idat)).length).toBeGreaterThan(0);
	return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
).toString('base64');

describe('auth', () => {
	test.each([
		['no header', {}],
		['wrong token', { authorization: 'Bearer nope' }],
		['other scheme', { authorization: `Basic ${TOKEN}` }],
	])('%s -> 401 ErrorResponse with WWW-Authenticate', async (_, headers) => {
		const res = await get('/v1/jobs', headers);
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
		expect(await res.json()).toEqual({
			status: 'ERROR',
			code: 'unauthorized',
			message: expect.any(String),
		});
		const posted = await call('/v1/imagine', { prompt: 'x' }, headers);
		expect(posted.status).toBe(401);
		expect(sim.jobs.size).toBe(0);
	});

	test('the token option, the default token and sim.token', async () => {
		expect(sim.token).toBe('sim-v1-token');
		const other = await startV1Simulator({ token: 'other' });
		try {
			expect((await fetch(`${other.url}/v1/jobs`, { headers: AUTH })).status).toBe(401);
			expect(
				(await fetch(`${other.url}/v1/jobs`, { headers: { authorization: 'Bearer other' } }))
					.status,
			).toBe(200);
		} finally {
			await other.close();
		}
	});
});

describe('imagine and the job lifecycle', () => {
	test('200 JobCreatedResponse, then pending -> in_progress (progress rising) -> completed', async () => {
		// long enough that the first read sees 'pending' even on a loaded machine (one slot = 300 ms)
		const prompt = 'a lighthouse at dusk [[ms=1500]]';
		const { status, body } = await call('/v1/imagine', { prompt });
		expect(status).toBe(200);
		expect(body).toEqual({
			status: 'SUCCESS',
			message: expect.any(String),
			data: { job_id: expect.stringMatching(UUID) },
		});
		const id = body.data.job_id;
		const first = await getJob(id);
		expect(Object.keys(first)).toEqual(JOB_KEYS);
		expect(first).toMatchObject({
			id,
			type: 'imagine',
			status: 'pending',
			progress: 0,
			result: null,
			error: null,
			completed_at: null,
		});

		const { job, seen } = await untilFinal(id);
		seen.unshift(first);
		const statuses = [...new Set(seen.map((j) => j.status))];
		expect(statuses).toEqual(['pending', 'in_progress', 'completed']);
		const progress = seen.map((j) => j.progress);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(
			new Set(seen.filter((j) => j.status === 'in_progress').map((j) => j.progress)).size,
		).toBeGreaterThan(1);
		expect(job).toMatchObject({
			status: 'completed',
			progress: 100,
			prompt,
			parameters: {
				aspect_ratio: '1:1',
				model_version: '7.0',
				process_mode: 'fast',
				quality: 1,
				stylize: 100,
			},
			error: null,
		});
		expect(Number.isInteger(job.parameters.seed)).toBe(true);
		expect(job.completed_at).toBe(job.updated_at);
		expect(Date.parse(job.updated_at)).toBeGreaterThan(Date.parse(job.created_at));
		expect(job.result.images.map((i) => i.index)).toEqual([null, 1, 2, 3, 4]);
		expect(job.result.images[0]).toMatchObject({
			width: 2048,
			height: 2048,
			content_type: 'image/png',
		});
		expect(job.result.images[1]).toMatchObject({ width: 1024, height: 1024 });
		expect(job.result.prompts).toBeUndefined();
		expect(sim.jobs.get(id)).toEqual(job);
	});

	test('parameters: body fields, flags embedded in the prompt, body wins; extras echoed', async () => {
		const id = await submit('/v1/imagine', {
			prompt: 'a castle --ar 16:9 --v 6 --s 250 --q 2 --seed 7 --tile',
			stylize: 500,
			chaos: 20,
			no: 'people',
			process_mode: 'turbo',
		});
		expect((await getJob(id)).parameters).toEqual({
			aspect_ratio: '16:9',
			model_version: '6.0',
			process_mode: 'turbo',
			quality: 2,
			stylize: 500,
			seed: 7,
			chaos: 20,
			no: 'people',
		});
		expect(sim.meta.get(id).durationMs).toBe(75); // turbo: half of jobDurationMs
		sim.finishRunningJobs();
		const [grid, one] = (await getJob(id)).result.images;
		expect(one.width / one.height).toBeCloseTo(16 / 9, 1);
		expect([grid.width, grid.height]).toEqual([one.width * 2, one.height * 2]);
	});

	test('[[ms=NNN]] sets one job duration; [[failed]] ends failed with an error', async () => {
		const slow = await submit('/v1/imagine', { prompt: 'slow [[ms=600]]' });
		const failing = await submit('/v1/imagine', { prompt: 'broken [[failed]]' });
		expect(sim.meta.get(slow).durationMs).toBe(600);
		const { job } = await untilFinal(failing);
		expect(job).toMatchObject({
			status: 'failed',
			result: null,
			error: { code: 'generation_failed', message: expect.any(String) },
		});
		expect(job.progress).toBeGreaterThan(0);
		expect(job.progress).toBeLessThan(100);
		expect(job.completed_at).toBe(job.updated_at);
		expect((await getJob(slow)).status).not.toBe('completed');
		const t0 = Date.now();
		expect((await untilFinal(slow)).job.status).toBe('completed');
		expect(Date.now() - t0).toBeGreaterThan(200);
		expect(sim.stats()).toMatchObject({ submitted: 2, completed: 1, failed: 1 });
	});

	test('[[blocked]] is the documented 400 for blocked content; no job is created', async () => {
		const res = await call('/v1/imagine', { prompt: 'something [[blocked]]' });
		expect(res).toMatchObject({ status: 400, body: { status: 'ERROR', code: 'prompt_blocked' } });
		expect(sim.jobs.size).toBe(0);
	});

	test('finishRunningJobs ends every running and queued job now', async () => {
		const a = await submit('/v1/imagine', { prompt: 'long [[ms=60000]]' });
		const b = await submit('/v1/imagine', { prompt: 'long and failing [[ms=60000]] [[failed]]' });
		sim.configure({ capacity: 2 });
		const c = await submit('/v1/imagine', { prompt: 'queued [[ms=60000]]', process_mode: 'relax' });
		expect((await getJob(c)).status).toBe('pending');
		sim.finishRunningJobs();
		expect((await getJob(a)).status).toBe('completed');
		expect((await getJob(b)).status).toBe('failed');
		expect((await getJob(c)).status).toBe('completed');
		expect(sim.timers.size).toBe(0);
		expect(sim.stats()).toMatchObject({ running: 0, queued: 0, maxConcurrent: 2 });
	});
});

describe('media', () => {
	test('every image URL of a completed job is a real PNG of the reported size; HEAD works; unknown 404', async () => {
		const job = await completedImagine('a boat --ar 3:2');
		for (const img of job.result.images) {
			expect(img.url.startsWith(`${sim.url}/media/${job.id}/`)).toBe(true);
			const res = await fetch(img.url); // no auth, like a CDN
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			const buf = Buffer.from(await res.arrayBuffer());
			expect(Number(res.headers.get('content-length'))).toBe(buf.length);
			expect(pngInfo(buf)).toEqual({ width: img.width, height: img.height });
		}
		const head = await fetch(job.result.images[1].url, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(Number(head.headers.get('content-length'))).toBeGreaterThan(50);
		expect((await fetch(`${sim.url}/media/${job.id}/9.png`)).status).toBe(404);
	});
});

describe('upscale, variations, describe, blend', () => {
	test('upscale: one image (index null) twice the size of a grid image', async () => {
		const parent = await completedImagine('a tree --ar 2:3');
		const id = await submit('/v1/upscale', { job_id: parent.id, index: 3 });
		const { job } = await untilFinal(id);
		expect(job).toMatchObject({
			type: 'upscale',
			status: 'completed',
			prompt: parent.prompt,
			parameters: parent.parameters,
		});
		expect(job.result.images).toHaveLength(1);
		const [img] = job.result.images;
		expect(img).toMatchObject({
			index: null,
			width: parent.result.images[3].width * 2,
			height: parent.result.images[3].height * 2,
		});
		expect(pngInfo(Buffer.from(await (await fetch(img.url)).arrayBuffer()))).toEqual({
			width: img.width,
			height: img.height,
		});
	});

	test('variations: a new grid, job type "variation"; it can be upscaled in turn', async () => {
		const parent = await completedImagine();
		const { job } = await untilFinal(
			await submit('/v1/variations', { job_id: parent.id, index: 1 }),
		);
		expect(job).toMatchObject({ type: 'variation', status: 'completed' });
		expect(job.result.images.map((i) => i.index)).toEqual([null, 1, 2, 3, 4]);
		expect((await call('/v1/upscale', { job_id: job.id, index: 4 })).status).toBe(200);
	});

	test('parent rules: unknown 404, not completed 400, no grid 400, bad index / id 400', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect(await call('/v1/upscale', { job_id: unknown, index: 1 })).toMatchObject({
			status: 404,
			body: { code: 'job_not_found' },
		});
		const running = await submit('/v1/imagine', { prompt: 'not yet [[ms=5000]]' });
		expect(await call('/v1/variations', { job_id: running, index: 1 })).toMatchObject({
			status: 400,
			body: { code: 'parent_not_completed' },
		});
		const parent = await completedImagine();
		const up = (await untilFinal(await submit('/v1/upscale', { job_id: parent.id, index: 1 }))).job;
		expect(await call('/v1/upscale', { job_id: up.id, index: 1 })).toMatchObject({
			status: 400,
			body: { code: 'invalid_parent' },
		});
		expect(await call('/v1/upscale', { job_id: parent.id, index: 5 })).toMatchObject({
			status: 400,
			body: { code: 'out_of_range' },
		});
		expect(await call('/v1/upscale', { job_id: parent.id, index: 0 })).toMatchObject({
			status: 400,
			body: { code: 'out_of_range' },
		});
		expect(await call('/v1/upscale', { job_id: 'abc', index: 1 })).toMatchObject({
			status: 400,
			body: { code: 'invalid_format' },
		});
		expect(await call('/v1/variations', { job_id: parent.id })).toMatchObject({
			status: 400,
			body: { code: 'missing_field' },
		});
		sim.expireJob(parent.id);
		expect(await call('/v1/upscale', { job_id: parent.id, index: 1 })).toMatchObject({
			status: 404,
		});
	});

	test('describe: image_url or image_base64 (exactly one) -> four prompts, no images', async () => {
		const byUrl = (
			await untilFinal(await submit('/v1/describe', { image_url: 'https://example.com/a.png' }))
		).job;
		expect(byUrl).toMatchObject({
			type: 'describe',
			status: 'completed',
			prompt: null,
			parameters: {},
			progress: 100,
		});
		expect(byUrl.result.images).toEqual([]);
		expect(byUrl.result.prompts).toHaveLength(4);
		expect(byUrl.result.prompts.every((p) => typeof p === 'string' && p.length > 10)).toBe(true);
		const byData = (await untilFinal(await submit('/v1/describe', { image_base64: TINY_PNG }))).job;
		expect(byData.result.prompts).toHaveLength(4);
		const failing = await submit('/v1/describe', {
			image_url: 'https://example.com/x.png?[[failed]]',
		});
		expect((await untilFinal(failing)).job.status).toBe('failed');
		expect(await call('/v1/describe', {})).toMatchObject({
			status: 400,
			body: { code: 'missing_field' },
		});
		expect(
			await call('/v1/describe', { image_url: 'https://e.com/a.png', image_base64: TINY_PNG }),
		).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
		expect(await call('/v1/describe', { image_base64: 'not base64!' })).toMatchObject({
			status: 400,
			body: { code: 'invalid_format' },
		});
		expect(
			await call('/v1/describe', { image_base64: Buffer.from('hello world!').toString('base64') }),
		).toMatchObject({ status: 400, body: { code: 'invalid_image' } });
	});

	test('blend: 2-5 images (url or base64), optional prompt and aspect ratio -> a grid', async () => {
		const id = await submit('/v1/blend', {
			images: [{ url: 'https://example.com/a.png' }, { base64: TINY_PNG }],
			aspect_ratio: '9:16',
		});
		const { job } = await untilFinal(id);
		expect(job).toMatchObject({
			type: 'blend',
			status: 'completed',
			prompt: null,
			parameters: { aspect_ratio: '9:16' },
		});
		expect(job.result.images.map((i) => i.index)).toEqual([null, 1, 2, 3, 4]);
		expect(job.result.images[1].height).toBeGreaterThan(job.result.images[1].width);
		const withPrompt = await submit('/v1/blend', {
			images: [
				{ url: 'https://e.com/1.png' },
				{ url: 'https://e.com/2.png' },
				{ url: 'https://e.com/3.png' },
			],
			prompt: 'dreamy',
		});
		expect((await getJob(withPrompt)).prompt).toBe('dreamy');
		const url = { url: 'https://e.com/1.png' };
		expect(await call('/v1/blend', { images: [url] })).toMatchObject({
			status: 400,
			body: { code: 'invalid_length' },
		});
		expect(await call('/v1/blend', { images: Array(6).fill(url) })).toMatchObject({
			status: 400,
			body: { code: 'invalid_length' },
		});
		expect(await call('/v1/blend', { images: [url, {}] })).toMatchObject({
			status: 400,
			body: { code: 'missing_field', message: expect.stringContaining('images[1]') },
		});
		expect(await call('/v1/blend', { images: [url, 'https://e.com/2.png'] })).toMatchObject({
			status: 400,
			body: { code: 'invalid_type' },
		});
	});
});

describe('request validation (ErrorResponse { status: ERROR, code, message })', () => {
	const long = 'x'.repeat(4001);
	test.each([
		['missing prompt', '/v1/imagine', {}, 'missing_field', 'prompt'],
		['empty prompt', '/v1/imagine', { prompt: '' }, 'invalid_length', 'prompt'],
		['blank prompt', '/v1/imagine', { prompt: '   ' }, 'invalid_length', 'prompt'],
		['prompt too long', '/v1/imagine', { prompt: long }, 'invalid_length', 'prompt'],
		['prompt not a string', '/v1/imagine', { prompt: 42 }, 'invalid_type', 'prompt'],
		[
			'model_version enum',
			'/v1/imagine',
			{ prompt: 'a', model_version: '8.0' },
			'invalid_enum',
			'model_version',
		],
		[
			'process_mode enum',
			'/v1/imagine',
			{ prompt: 'a', process_mode: 'slow' },
			'invalid_enum',
			'process_mode',
		],
		['quality enum', '/v1/imagine', { prompt: 'a', quality: 1.5 }, 'invalid_enum', 'quality'],
		[
			'webhook_type enum',
			'/v1/imagine',
			{ prompt: 'a', webhook_type: 'all' },
			'invalid_enum',
			'webhook_type',
		],
		['stylize max', '/v1/imagine', { prompt: 'a', stylize: 1001 }, 'out_of_range', 'stylize'],
		['chaos min', '/v1/imagine', { prompt: 'a', chaos: -1 }, 'out_of_range', 'chaos'],
		['seed max', '/v1/imagine', { prompt: 'a', seed: 4294967296 }, 'out_of_range', 'seed'],
		[
			'stylize as string',
			'/v1/imagine',
			{ prompt: 'a', stylize: '100' },
			'invalid_type',
			'stylize',
		],
		['chaos not integer', '/v1/imagine', { prompt: 'a', chaos: 1.5 }, 'invalid_type', 'chaos'],
		['null field', '/v1/imagine', { prompt: 'a', seed: null }, 'invalid_type', 'seed'],
		[
			'aspect_ratio pattern',
			'/v1/imagine',
			{ prompt: 'a', aspect_ratio: '16x9' },
			'invalid_format',
			'aspect_ratio',
		],
		[
			'aspect_ratio zero side',
			'/v1/imagine',
			{ prompt: 'a', aspect_ratio: '0:1' },
			'invalid_format',
			'aspect_ratio',
		],
		[
			'webhook_url not http',
			'/v1/imagine',
			{ prompt: 'a', webhook_url: 'ftp://x/y' },
			'invalid_format',
			'webhook_url',
		],
		[
			'image_url not a URL',
			'/v1/imagine',
			{ prompt: 'a', image_url: 'nope' },
			'invalid_format',
			'image_url',
		],
		['flag out of range', '/v1/imagine', { prompt: 'a --s 5000' }, 'out_of_range', '--s'],
		['flag bad enum', '/v1/imagine', { prompt: 'a --v 4' }, 'invalid_enum', '--v'],
		['blend images missing', '/v1/blend', { prompt: 'x' }, 'missing_field', 'images'],
		[
			'blend prompt too long',
			'/v1/blend',
			{ images: [{ url: 'https://a.b/1' }, { url: 'https://a.b/2' }], prompt: long },
			'invalid_length',
			'prompt',
		],
	])('%s', async (_, path, body, code, field) => {
		const res = await call(path, body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ status: 'ERROR', code, message: expect.stringContaining(field) });
		expect(sim.jobs.size).toBe(0);
	});

	test.each([
		['not JSON', '{"prompt":'],
		['an array', '[1,2]'],
		['empty body', ''],
	])('body %s -> 400 invalid_json', async (_, raw) => {
		expect(await call('/v1/imagine', raw)).toMatchObject({
			status: 400,
			body: { status: 'ERROR', code: 'invalid_json' },
		});
	});

	test('unknown fields are ignored', async () => {
		expect((await call('/v1/imagine', { prompt: 'a', unknown: true })).status).toBe(200);
	});
});

describe('webhooks', () => {
	test('progress: every status transition; result (default): only the final one', async () => {
		const hook = await receiver();
		try {
			const p = await submit('/v1/imagine', {
				prompt: 'p',
				webhook_url: hook.url,
				webhook_type: 'progress',
			});
			const r = await submit('/v1/imagine', { prompt: 'r', webhook_url: hook.url });
			await untilFinal(p);
			await untilFinal(r);
			await until(() => sim.callbacks.length === 3);
			const of = (id) => sim.callbacks.filter((c) => c.jobId === id).map((c) => c.jobStatus);
			expect(of(p)).toEqual(['in_progress', 'completed']);
			expect(of(r)).toEqual(['completed']);
			for (const cb of sim.callbacks) {
				expect(cb).toEqual({
					url: hook.url,
					status: 200,
					body: expect.any(Object),
					t: expect.any(Number),
					jobId: cb.jobId,
					jobStatus: cb.jobStatus,
					attempt: 1,
				});
				expect(Object.keys(cb.body)).toEqual(JOB_KEYS);
				expect(cb.body).toMatchObject({ id: cb.jobId, status: cb.jobStatus });
			}
			expect(hook.hits).toHaveLength(3);
			expect(hook.hits.every((h) => h.contentType === 'application/json')).toBe(true);
			const final = hook.hits.find((h) => h.body.id === r).body;
			expect(final).toEqual(await getJob(r));
		} finally {
			await hook.close();
		}
	});

	test('failed jobs notify with their error; upscale, describe and blend carry webhooks too', async () => {
		const hook = await receiver();
		try {
			const failed = await submit('/v1/imagine', { prompt: 'x [[failed]]', webhook_url: hook.url });
			const describe = await submit('/v1/describe', {
				image_url: 'https://e.com/a.png',
				webhook_url: hook.url,
				webhook_type: 'progress',
			});
			await untilFinal(failed);
			await untilFinal(describe);
			await until(() => sim.callbacks.length === 3);
			expect(sim.callbacks.find((c) => c.jobId === failed).body).toMatchObject({
				status: 'failed',
				error: { code: 'generation_failed' },
			});
			expect(sim.callbacks.filter((c) => c.jobId === describe).map((c) => c.jobStatus)).toEqual([
				'in_progress',
				'completed',
			]);
		} finally {
			await hook.close();
		}
	});

	test('callbackRetries / callbackRetryDelayMs: a non-2xx or refused delivery is retried', async () => {
		const hook = await receiver([500, 503]);
		try {
			sim.setFaults({ callbackRetries: 2, callbackRetryDelayMs: 30 });
			const id = await submit('/v1/imagine', { prompt: 'retry', webhook_url: hook.url });
			await untilFinal(id);
			await until(() => sim.callbacks.length === 3);
			expect(sim.callbacks.map((c) => [c.status, c.attempt])).toEqual([
				[500, 1],
				[503, 2],
				[200, 3],
			]);
			expect(sim.callbacks[1].t - sim.callbacks[0].t).toBeGreaterThanOrEqual(25);
		} finally {
			await hook.close();
		}
		const dead = hook.url; // closed now: connection refused
		sim.setFaults({ callbackRetries: 1, callbackRetryDelayMs: 10 });
		const id = await submit('/v1/imagine', { prompt: 'nobody listens', webhook_url: dead });
		await untilFinal(id);
		await until(() => sim.callbacks.filter((c) => c.jobId === id).length === 2);
		expect(sim.callbacks.filter((c) => c.jobId === id).map((c) => c.status)).toEqual([
			'error',
			'error',
		]);
	});
});

describe('cancel', () => {
	test('a running job ends cancelled (200 Job) and its webhook fires; final jobs answer 400', async () => {
		const hook = await receiver();
		try {
			const id = await submit('/v1/imagine', {
				prompt: 'stop me [[ms=1000]]',
				webhook_url: hook.url,
			});
			await wait(300); // in_progress after one slot (200 ms of 1 s)
			expect((await getJob(id)).status).toBe('in_progress');
			const res = await call(`/v1/jobs/${id}/cancel`, '');
			expect(res.status).toBe(200);
			expect(Object.keys(res.body)).toEqual(JOB_KEYS);
			expect(res.body).toMatchObject({ id, status: 'cancelled', result: null, error: null });
			expect(res.body.completed_at).toBe(res.body.updated_at);
			await until(() => sim.callbacks.length === 1);
			expect(sim.callbacks[0]).toMatchObject({ jobId: id, jobStatus: 'cancelled', status: 200 });
			expect(await call(`/v1/jobs/${id}/cancel`, '')).toMatchObject({
				status: 400,
				body: { code: 'job_not_cancellable' },
			});
		} finally {
			await hook.close();
		}
		const done = await completedImagine();
		expect(await call(`/v1/jobs/${done.id}/cancel`, '')).toMatchObject({
			status: 400,
			body: { code: 'job_not_cancellable', message: expect.stringContaining('completed') },
		});
		expect(await call('/v1/jobs/00000000-0000-4000-8000-000000000000/cancel', '')).toMatchObject({
			status: 404,
			body: { code: 'job_not_found' },
		});
		expect(sim.stats()).toMatchObject({ cancelled: 1, completed: 1 });
	});

	test('a pending job (just created) can be cancelled too and frees its slot', async () => {
		sim.configure({ capacity: 1 });
		const id = await submit('/v1/imagine', { prompt: 'p [[ms=5000]]' });
		expect((await call('/v1/imagine', { prompt: 'q' })).status).toBe(429);
		expect((await call(`/v1/jobs/${id}/cancel`, '')).body.status).toBe('cancelled');
		expect((await call('/v1/imagine', { prompt: 'q' })).status).toBe(200);
	});
});

describe('GET /v1/jobs/{jobId} and GET /v1/jobs', () => {
	test('unknown, malformed and expired ids are 404 ErrorResponse', async () => {
		for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
			const res = await get(`/v1/jobs/${id}`);
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({
				status: 'ERROR',
				code: 'job_not_found',
				message: expect.any(String),
			});
		}
		const job = await completedImagine();
		expect(sim.expireJob(job.id)).toBe(true);
		expect((await get(`/v1/jobs/${job.id}`)).status).toBe(404);
		expect(sim.expireJob('nope')).toBe(false);
	});

	test('status filter, limit/offset pagination, sort; JobListResponse shape', async () => {
		sim.configure({ capacity: 10 });
		const ids = [];
		for (let i = 0; i < 5; i++)
			ids.push(await submit('/v1/imagine', { prompt: `job ${i} [[ms=${i < 2 ? 20 : 60000}]]` }));
		await until(() => ids.slice(0, 2).every((id) => sim.jobs.get(id).status === 'completed'));

		const all = await (await get('/v1/jobs')).json();
		expect(Object.keys(all)).toEqual(['data', 'total', 'limit', 'offset']);
		expect(all).toMatchObject({ total: 5, limit: 25, offset: 0 });
		expect(all.data.map((j) => j.id)).toEqual([...ids].reverse()); // created_at_desc default
		const asc = await (await get('/v1/jobs?sort=created_at_asc')).json();
		expect(asc.data.map((j) => j.id)).toEqual(ids);

		const completed = await (await get('/v1/jobs?status=completed')).json();
		expect(completed.total).toBe(2);
		expect(completed.data.every((j) => j.status === 'completed')).toBe(true);
		expect((await (await get('/v1/jobs?status=failed')).json()).total).toBe(0);

		const page = await (await get('/v1/jobs?limit=2&offset=2&sort=created_at_asc')).json();
		expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
		expect(page.data.map((j) => j.id)).toEqual(ids.slice(2, 4));
		const past = await (await get('/v1/jobs?offset=10')).json();
		expect(past).toMatchObject({ data: [], total: 5, offset: 10 });
	});

	test.each([
		['status=done', 'invalid_enum'],
		['sort=newest', 'invalid_enum'],
		['limit=0', 'out_of_range'],
		['limit=101', 'out_of_range'],
		['offset=-1', 'out_of_range'],
		['limit=abc', 'invalid_type'],
		['limit=2.5', 'invalid_type'],
	])('?%s -> 400 %s', async (qs, code) => {
		const res = await get(`/v1/jobs?${qs}`);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ status: 'ERROR', code });
	});

	test('unknown endpoints 404, wrong methods 405 with Allow', async () => {
		const inpaint = await call('/v1/inpaint', { prompt: 'x' });
		expect(inpaint).toMatchObject({ status: 404, body: { status: 'ERROR', code: 'not_found' } });
		const res = await fetch(`${sim.url}/v1/jobs`, { method: 'DELETE', headers: AUTH });
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET');
	});
});

describe('capacity', () => {
	test('beyond `capacity` running jobs a submit is 429 (no Retry-After); relax jobs queue as pending', async () => {
		const running = [];
		for (let i = 0; i < 3; i++)
			running.push(await submit('/v1/imagine', { prompt: `busy ${i} [[ms=400]]` }));
		const refused = await call('/v1/imagine', { prompt: 'one too many' });
		expect(refused).toMatchObject({
			status: 429,
			body: { status: 'ERROR', code: 'concurrency_limit_exceeded' },
		});
		expect(refused.headers.get('retry-after')).toBeNull();
		expect((await call('/v1/describe', { image_url: 'https://e.com/a.png' })).status).toBe(429);

		const queued = await submit('/v1/imagine', {
			prompt: 'patient [[ms=50]]',
			process_mode: 'relax',
		});
		expect(sim.stats()).toMatchObject({ running: 3, queued: 1 });
		await wait(200);
		expect((await getJob(queued)).status).toBe('pending'); // still waiting for a slot
		const { job } = await untilFinal(queued);
		expect(job.status).toBe('completed');
		for (const id of running) await untilFinal(id);
		expect(Date.parse(job.completed_at)).toBeGreaterThanOrEqual(
			Date.parse(sim.jobs.get(running[0]).completed_at),
		);
		expect(sim.stats()).toMatchObject({ maxConcurrent: 3, submitted: 4, completed: 4 });
		expect(sim.stats().submitResponses).toEqual({ 200: 4, 429: 2 });
	});

	test('retryAfterSeconds adds Retry-After to every 429', async () => {
		const other = await startV1Simulator({
			capacity: 1,
			retryAfterSeconds: 7,
			jobDurationMs: 5000,
		});
		try {
			const send = () =>
				fetch(`${other.url}/v1/imagine`, {
					method: 'POST',
					headers: { ...AUTH, 'content-type': 'application/json' },
					body: '{"prompt":"x"}',
				});
			expect((await send()).status).toBe(200);
			const res = await send();
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('7');
		} finally {
			await other.close();
		}
		expect(other.timers.size).toBe(0);
	});
});

describe('fault knobs', () => {
	test('setFaults throws on an unknown knob or a bad value; reset() restores defaults', () => {
		expect(() => sim.setFaults({ nope: 1 })).toThrow(/Unknown fault knob nope/);
		expect(() => sim.setFaults({ force429: -1 })).toThrow();
		expect(() => sim.setFaults({ submitErrors: [200] })).toThrow();
		expect(() => sim.setFaults({ readErrors: ['boom'] })).toThrow();
		expect(sim.setFaults({ force429: 2 }).force429).toBe(2);
		sim.reset();
		expect(sim.faults.force429).toBe(0);
	});

	test('force429: the next N submits answer the documented 429', async () => {
		sim.setFaults({ force429: 2 });
		expect(await call('/v1/imagine', { prompt: 'a' })).toMatchObject({
			status: 429,
			body: { code: 'rate_limit_exceeded' },
		});
		expect(
			(await call('/v1/blend', { images: [{ url: 'https://a.b/1' }, { url: 'https://a.b/2' }] }))
				.status,
		).toBe(429);
		expect((await call('/v1/imagine', { prompt: 'a' })).status).toBe(200);
		expect(sim.stats().submitted).toBe(1);
	});

	test('submitErrors: the next submits answer these statuses, no job is created; invalid requests do not consume them', async () => {
		sim.setFaults({ submitErrors: [503, 500] });
		expect((await call('/v1/imagine', {})).status).toBe(400);
		expect(await call('/v1/imagine', { prompt: 'a' })).toMatchObject({
			status: 503,
			body: { status: 'ERROR', code: 'service_unavailable' },
		});
		expect(await call('/v1/imagine', { prompt: 'a' })).toMatchObject({
			status: 500,
			body: { code: 'internal_server_error' },
		});
		expect((await call('/v1/imagine', { prompt: 'a' })).status).toBe(200);
		expect(sim.jobs.size).toBe(1);
	});

	test("readErrors: the next GET /v1/jobs/{id} answer these statuses or 'reset' the socket", async () => {
		const id = await submit('/v1/imagine', { prompt: 'a' });
		sim.setFaults({ readErrors: [502, 'reset'] });
		expect((await get('/v1/jobs')).status).toBe(200); // the list is not affected
		const bad = await get(`/v1/jobs/${id}`);
		expect(bad.status).toBe(502);
		expect(await bad.json()).toMatchObject({ status: 'ERROR', code: 'bad_gateway' });
		await expect(get(`/v1/jobs/${id}`)).rejects.toThrow();
		expect((await get(`/v1/jobs/${id}`)).status).toBe(200);
		expect(sim.log.filter((r) => r.path === `/v1/jobs/${id}`).map((r) => r.status)).toEqual([
			502,
			'reset',
			200,
		]);
	});

	test('latencyMs delays every /v1 answer', async () => {
		sim.setFaults({ latencyMs: 150 });
		const t0 = Date.now();
		expect((await get('/v1/jobs')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
	});

	test('hang: the next N submits create their job but never answer (the client times out)', async () => {
		sim.setFaults({ hang: 1 });
		await expect(
			fetch(`${sim.url}/v1/imagine`, {
				method: 'POST',
				headers: { ...AUTH, 'content-type': 'application/json' },
				body: JSON.stringify({ prompt: 'lost answer' }),
				signal: AbortSignal.timeout(200),
			}),
		).rejects.toThrow();
		expect(sim.jobs.size).toBe(1);
		const [id] = sim.jobs.keys();
		await until(() => sim.log[0].status === 'aborted');
		expect(sim.log[0]).toMatchObject({ jobId: id, hung: true });
		expect((await untilFinal(id)).job.status).toBe('completed');
		expect((await call('/v1/imagine', { prompt: 'answered' })).status).toBe(200);
	});

	test('failJobs: the next N created jobs end failed, whatever their type', async () => {
		const parent = await completedImagine();
		sim.setFaults({ failJobs: 1 });
		const up = await submit('/v1/upscale', { job_id: parent.id, index: 2 });
		expect((await untilFinal(up)).job).toMatchObject({
			status: 'failed',
			error: { code: 'generation_failed' },
		});
	});
});

describe('log, stats, reset and close', () => {
	test('log records; the token never appears, even when a client leaks it into a body or query', async () => {
		const id = await submit('/v1/imagine', {
			prompt: `oops ${TOKEN} pasted`,
			image_url: `https://e.com/a.png?key=${TOKEN}`,
		});
		await get(`/v1/jobs/${id}?token=${TOKEN}`);
		await call('/v1/describe', { image_base64: Buffer.alloc(3000, 1).toString('base64') });
		await get('/v1/jobs', { authorization: `Bearer ${TOKEN}x` });
		expect(sim.log[0]).toEqual({
			seq: 1,
			t: expect.any(Number),
			method: 'POST',
			path: '/v1/imagine',
			query: {},
			status: 200,
			body: { prompt: 'oops [REDACTED] pasted', image_url: 'https://e.com/a.png?key=[REDACTED]' },
			jobId: id,
		});
		expect(sim.log[1]).toMatchObject({
			method: 'GET',
			path: `/v1/jobs/${id}`,
			query: { token: '[REDACTED]' },
			status: 200,
			jobId: id,
		});
		expect(sim.log[2].body.image_base64).toBe('<4000 chars>');
		expect(sim.log[3].status).toBe(401);
		expect(JSON.stringify(sim.log)).not.toContain(TOKEN);
		expect(sim.stats().responses).toEqual({ 200: 2, 400: 1, 401: 1 });
	});

	test('stats() counts jobs by outcome and responses by status', async () => {
		const ok = await submit('/v1/imagine', { prompt: 'ok' });
		const bad = await submit('/v1/imagine', { prompt: 'bad [[failed]]' });
		const stop = await submit('/v1/imagine', { prompt: 'stop [[ms=5000]]' });
		await call(`/v1/jobs/${stop}/cancel`, '');
		await untilFinal(ok);
		await untilFinal(bad);
		expect(sim.stats()).toMatchObject({
			maxConcurrent: 3,
			running: 0,
			queued: 0,
			submitted: 3,
			completed: 1,
			failed: 1,
			cancelled: 1,
			submitResponses: { 200: 3 },
			jobs: 3,
		});
	});

	test('close() clears every timer and ends hanging requests; listens on 127.0.0.1 by default', async () => {
		const other = await startV1Simulator();
		expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const send = (prompt) =>
			fetch(`${other.url}/v1/imagine`, {
				method: 'POST',
				headers: { ...AUTH, 'content-type': 'application/json' },
				body: JSON.stringify({ prompt }),
			});
		expect((await send('long [[ms=60000]]')).status).toBe(200);
		other.setFaults({ hang: 1 });
		const hung = send('never answered').catch((e) => e);
		await until(() => other.jobs.size === 2);
		expect(other.timers.size).toBeGreaterThan(0);
		await other.close();
		expect(other.timers.size).toBe(0);
		expect(await hung).toHaveProperty('message', 'fetch failed'); // the connection was closed
	});
});
