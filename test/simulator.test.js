'use strict';
// Tests of the useapi.net Midjourney v3 simulator itself, against the docs in
// api-docs/useapi-v3/.
const http = require('node:http');
const { createParser } = require('eventsource-parser');
const { startSimulator } = require('../tools/simulator');

const TOKEN = 'sim-token';
const CHANNEL = '1234567890123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let sim;
beforeAll(async () => {
	sim = await startSimulator({
		port: 0,
		token: TOKEN,
		expiredTokens: ['old-token'],
		jobDurationMs: 150,
		progressSteps: 3,
	});
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const api = (path) => `${sim.url}/v3/midjourney${path}`;

function postJson(path, body, headers = AUTH) {
	return fetch(api(path), {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

const get = (path, headers = AUTH) => fetch(api(path), { headers });
const del = (path) => fetch(api(path), { method: 'DELETE', headers: AUTH });
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** Reads a whole SSE response with a spec-compliant parser; returns the data JSON of each event. */
async function readEvents(res) {
	const events = [];
	const others = [];
	const parser = createParser({
		onEvent(e) {
			try {
				events.push(JSON.parse(e.data));
			} catch {
				others.push(e.data);
			}
		},
	});
	const decoder = new TextDecoder();
	let reads = 0;
	for await (const chunk of res.body) {
		reads++;
		parser.feed(decoder.decode(chunk, { stream: true }));
	}
	return { events, others, reads };
}

async function pollUntilFinal(jobid) {
	for (let i = 0; i < 100; i++) {
		const job = await (await get(`/jobs/${jobid}`)).json();
		if (['completed', 'failed', 'moderated'].includes(job.status)) return job;
		await wait(25);
	}
	throw new Error(`job ${jobid} never finished`);
}

async function completedImagine(prompt = 'a cat in a hat') {
	const res = await postJson('/jobs/imagine', { prompt, stream: false });
	expect(res.status).toBe(201);
	return pollUntilFinal((await res.json()).jobid);
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

describe('SSE streaming', () => {
	test('frames every event as "data: {json}\\n\\n", initialized first, then the full lifecycle', async () => {
		const res = await postJson('/jobs/imagine', { prompt: 'a cat in a hat --ar 16:9' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/event-stream');
		expect(res.headers.get('cache-control')).toBe('no-cache');
		const raw = await res.text();
		const blocks = raw.split('\n\n');
		expect(blocks.pop()).toBe('');
		for (const b of blocks) expect(b).toMatch(/^data: \{.*\}$/);
		const events = blocks.map((b) => JSON.parse(b.slice(6)));

		expect(Object.keys(events[0])).toEqual(['event', 'message', 'jobId', 'seq', 'ts']);
		expect(events[0]).toMatchObject({
			event: 'initialized',
			message: 'Stream initialized',
			seq: 0,
		});
		expect(events[0].ts).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
		expect(events.map((e) => e.event)).toEqual([
			'initialized',
			'midjourney_created',
			'midjourney_started',
			'midjourney_progress',
			'midjourney_progress',
			'midjourney_progress',
			'midjourney_completed',
		]);
		expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);

		const jobs = events.slice(1).map((e) => e.job);
		const { jobId } = events[0];
		expect(jobId).toMatch(/^j\d{19}i-u12345-c1234567890123456789-bot:midjourney$/);
		expect(
			jobs.every((j) => j.jobid === jobId && j.verb === 'imagine' && j.jobType === 'image'),
		).toBe(true);
		expect(new Set(jobs.map((j) => j.updated)).size).toBe(jobs.length);
		const pct = jobs.slice(2, 5).map((j) => j.response.progress_percent);
		expect(pct[0]).toBeLessThan(pct[1]);
		expect(pct[1]).toBeLessThan(pct[2]);
		expect(jobs[4].response.attachments.length).toBe(1);

		const done = jobs.at(-1);
		expect(done).toMatchObject({
			status: 'completed',
			code: 200,
			request: { prompt: 'a cat in a hat --ar 16:9' },
		});
		expect(done.response.buttons).toEqual(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
		expect(done.response.imageUx).toHaveLength(4);
		expect(done.response).toMatchObject({ children: {}, executeOnce: {} });
		expect(await (await get(`/jobs/${jobId}`)).json()).toEqual(done);
		expect(sim.log[0]).toMatchObject({
			path: '/v3/midjourney/jobs/imagine',
			status: 200,
			stream: true,
			sseEvents: 7,
			disconnectedEarly: false,
			jobid: jobId,
		});
	});

	test('survives byte-sized chunks, CRLF, comments, BOM, garbage and padding', async () => {
		sim.setFaults({
			sseChunking: 'bytes',
			sseLineEnding: 'crlf',
			sseComments: true,
			sseBom: true,
			sseGarbage: true,
			ssePadBytes: 2000,
		});
		sim.configure({ progressSteps: 1 });
		const res = await postJson('/jobs/imagine', { prompt: 'ünïcödé 🐱 prompt' });
		const { events, others, reads } = await readEvents(res);
		expect(events.map((e) => e.event)).toEqual([
			'initialized',
			'midjourney_created',
			'midjourney_started',
			'midjourney_progress',
			'midjourney_completed',
		]);
		expect(events.at(-1).job.request.prompt).toBe('ünïcödé 🐱 prompt');
		expect(events[1].padding).toHaveLength(2000);
		expect(others).toContain('ping');
		expect(reads).toBeGreaterThan(100); // the client really saw partial chunks
		sim.configure({ progressSteps: 3 }); // reset() keeps the config
	});

	test('client disconnect: the job keeps running and the log says disconnectedEarly', async () => {
		const res = await postJson('/jobs/imagine', { prompt: 'leave early [[ms=300]]' });
		const reader = res.body.getReader();
		await reader.read();
		await reader.cancel();
		const jobid = sim.log[0].jobid;
		await wait(50);
		expect(sim.log[0].disconnectedEarly).toBe(true);
		expect((await pollUntilFinal(jobid)).status).toBe('completed');
	});

	test('dropAfterEvents cuts the connection after N events; the job still completes', async () => {
		sim.setFaults({ dropAfterEvents: { after: 2, count: 1 } });
		const res = await postJson('/jobs/imagine', { prompt: 'dropped' });
		const seen = [];
		await expect(
			(async () => {
				const parser = createParser({ onEvent: (e) => seen.push(JSON.parse(e.data).event) });
				for await (const chunk of res.body) parser.feed(Buffer.from(chunk).toString());
			})(),
		).rejects.toThrow();
		expect(seen).toEqual(['initialized', 'midjourney_created']);
		expect(sim.log[0]).toMatchObject({ dropped: true, sseEvents: 2 });
		expect((await pollUntilFinal(sim.log[0].jobid)).status).toBe('completed');
		expect(sim.faults.dropAfterEvents.count).toBe(0);
	});
});

describe('job submission', () => {
	test('stream:false answers 201 with the created job; its media is served by the simulator', async () => {
		const res = await postJson('/jobs/imagine', {
			prompt: 'a cat',
			stream: false,
			replyRef: 'ref-1',
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const job = await res.json();
		expect(job).toMatchObject({
			verb: 'imagine',
			jobType: 'image',
			status: 'created',
			request: { replyRef: 'ref-1', stream: false, prompt: 'a cat' },
		});
		expect(job.response).toBeUndefined();

		const done = await pollUntilFinal(job.jobid);
		const img = await fetch(done.response.imageUx[0].url);
		expect(img.status).toBe(200);
		expect(img.headers.get('content-type')).toBe('image/png');
		const bytes = Buffer.from(await img.arrayBuffer());
		expect(bytes.subarray(0, 8)).toEqual(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		);
		const att = done.response.attachments[0];
		const grid = await fetch(att.url);
		expect(Number(grid.headers.get('content-length'))).toBe(att.size);
		expect(Buffer.from(await grid.arrayBuffer()).readUInt32BE(16)).toBe(att.width); // IHDR width
	});

	test('parameter validation uses the documented messages', async () => {
		const cases = [
			[{}, 'Parameter prompt is required'],
			[{ prompt: 'x'.repeat(5001) }, /prompt/],
			[{ prompt: 'ok', replyUrl: `https://e.com/${'x'.repeat(1024)}` }, /replyUrl/],
			[{ prompt: 'ok', replyRef: 'x'.repeat(1025) }, /replyRef/],
			[{ prompt: 'ok', replyLevel: 'verbose' }, /replyLevel/],
		];
		for (const [body, message] of cases) {
			const res = await postJson('/jobs/imagine', body);
			expect(res.status).toBe(400);
			expect((await res.json()).error).toEqual(expect.stringMatching(message));
		}
		expect(sim.jobs.size).toBe(0);
	});

	test('401 without or with a wrong token, 402 for an expired one', async () => {
		expect(await (await postJson('/jobs/imagine', { prompt: 'x' }, {})).json()).toEqual({
			error: 'Unauthorized',
		});
		const wrong = await get('/jobs', { authorization: 'Bearer nope' });
		expect(wrong.status).toBe(401);
		const expired = await get('/accounts', { authorization: 'Bearer old-token' });
		expect(expired.status).toBe(402);
		expect(await expired.json()).toEqual({
			error: 'Account has no subscription or subscription expired',
		});
	});

	test('capacity: 429 when the channel is busy, DELETE frees the slot at once, peak recorded', async () => {
		const main = sim;
		sim = await startSimulator({
			token: TOKEN,
			jobDurationMs: 150,
			channels: [
				{
					channel: CHANNEL,
					discord: 'MTIfake...xyz',
					maxJobs: 2,
					maxImageJobs: 1,
					maxVideoJobs: 1,
				},
			],
		});
		try {
			const first = await (
				await postJson('/jobs/imagine', { prompt: 'one [[ms=2000]]', stream: false })
			).json();
			const busy = await postJson('/jobs/imagine', { prompt: 'two', stream: false });
			expect(busy.status).toBe(429);
			expect(await busy.json()).toEqual({
				error: `Channel ${CHANNEL} is busy executing 1 image jobs`,
			});
			const video = await postJson('/jobs/imagine', {
				prompt: 'clip --video [[ms=2000]]',
				stream: false,
			});
			expect(video.status).toBe(201);
			expect((await video.json()).jobid).toMatch(/^j\d{19}v-/);
			const videoBusy = await postJson('/jobs/imagine', {
				prompt: 'clip 2 --video',
				stream: false,
			});
			expect(await videoBusy.json()).toEqual({
				error: `Channel ${CHANNEL} is busy executing 1 video jobs`,
			});

			const running = await (await get('/jobs')).json();
			expect(running).toMatchObject({
				total: 2,
				images: 1,
				videos: 1,
				channels: { [CHANNEL]: { total: 2, maxJobs: 2, maxImageJobs: 1 } },
			});
			expect(running.channels[CHANNEL].jobs[0]).toEqual({
				jobId: first.jobid,
				channel: CHANNEL,
				jobType: 'image',
				created: first.created,
				elapsed: '00:00',
			});

			expect((await del(`/jobs/${first.jobid}`)).status).toBe(204);
			expect((await postJson('/jobs/imagine', { prompt: 'three', stream: false })).status).toBe(
				201,
			);
			expect(sim.stats().maxConcurrent[CHANNEL]).toEqual({ total: 2, images: 1, videos: 1 });
			sim.setFaults({ force429: 1 });
			expect(
				(await postJson('/jobs/describe', { imageUrl: 'https://e.com/a.png', stream: false }))
					.status,
			).toBe(429);
		} finally {
			await sim.close();
			sim = main;
		}
	});

	test('[[596]] puts the channel in error; every job POST answers 596 until POST /accounts/reset', async () => {
		const hit = await postJson('/jobs/imagine', { prompt: 'captcha [[596]]' });
		expect(hit.status).toBe(596);
		expect(await hit.json()).toMatchObject({
			status: 'failed',
			error: 'Pending mod message',
			code: 596,
		});
		const accounts = await (await get('/accounts')).json();
		expect(accounts[CHANNEL].error).toBe('Pending mod message');
		for (const [verb, body] of [
			['imagine', { prompt: 'x' }],
			['settings', {}],
			['describe', { imageUrl: 'https://e.com/a.png' }],
		]) {
			const res = await postJson(`/jobs/${verb}`, { ...body, stream: false });
			expect(res.status).toBe(596);
			expect((await res.json()).error).toBe(
				'All configured Midjourney channels (1) have errors (pending moderation, CAPTCHA, etc.). Please resolve channel issues before making new requests.',
			);
		}
		const reset = await fetch(api(`/accounts/reset/${CHANNEL}`), { method: 'POST', headers: AUTH });
		expect(reset.status).toBe(204);
		expect((await postJson('/jobs/imagine', { prompt: 'x', stream: false })).status).toBe(201);
	});

	test('[[moderated]], [[reject]] and [[failed]] markers', async () => {
		const { events } = await readEvents(
			await postJson('/jobs/imagine', { prompt: 'bad [[moderated]]' }),
		);
		const moderated = events.at(-1);
		expect(moderated.event).toBe('midjourney_moderated');
		expect(moderated.job).toMatchObject({
			status: 'moderated',
			error: 'Action needed to continue',
			errorDetails:
				'Sorry! Our AI moderators feel your prompt might be against our community standards.',
			code: 422,
		});
		expect(moderated.job.response.embeds[0].description).toMatch(/AI moderators/);

		const rejected = await postJson('/jobs/imagine', { prompt: 'worse [[reject]]' });
		expect(rejected.status).toBe(422);
		const body = await rejected.json();
		expect(body).toMatchObject({ status: 'moderated', code: 422 });
		expect(sim.jobs.get(body.jobid).status).toBe('moderated');

		const failed = await (
			await postJson('/jobs/imagine', { prompt: 'boom [[failed]]', stream: false })
		).json();
		expect(await pollUntilFinal(failed.jobid)).toMatchObject({
			status: 'failed',
			code: 500,
			error: expect.any(String),
			errorDetails: expect.any(String),
		});
	});

	test('submitErrors: 503 creates nothing, 502 {created:true} runs the job behind an HTML error', async () => {
		sim.setFaults({ submitErrors: [503, { status: 502, created: true }] });
		const r503 = await postJson('/jobs/imagine', { prompt: 'a', stream: false });
		expect(r503.status).toBe(503);
		// The docs' 503 body (v3-imagine.txt): a failed job, the phrase in the response content.
		expect(await r503.json()).toMatchObject({
			status: 'failed',
			error: 'Discord Agent Status 503',
			response: { content: 'Failed to process your command :c' },
			code: 503,
		});
		expect(sim.jobs.size).toBe(0);
		const r502 = await postJson('/jobs/imagine', { prompt: 'b', stream: false });
		expect(r502.status).toBe(502);
		expect(r502.headers.get('content-type')).toMatch(/text\/html/);
		expect(sim.jobs.size).toBe(1);
		expect((await pollUntilFinal([...sim.jobs.keys()][0])).status).toBe('completed');
	});
});

describe('buttons, seed and execute-once', () => {
	test('U1 twice: 201 then 200 with the same child (JSON and SSE); parent tracks children', async () => {
		const parent = await completedImagine();
		const first = await postJson('/jobs/button', {
			jobId: parent.jobid,
			button: 'U1',
			stream: false,
		});
		expect(first.status).toBe(201);
		const child = await first.json();
		expect(child).toMatchObject({
			verb: 'button',
			jobType: 'image',
			request: { button: 'U1', jobId: parent.jobid },
		});
		const again = await postJson('/jobs/button', {
			jobId: parent.jobid,
			button: 'U1',
			stream: false,
		});
		expect(again.status).toBe(200);
		expect((await again.json()).jobid).toBe(child.jobid);

		const streamed = await postJson('/jobs/button', { jobId: parent.jobid, button: 'U1' });
		expect(streamed.status).toBe(200);
		const { events } = await readEvents(streamed);
		expect(events[0]).toMatchObject({ event: 'initialized', jobId: child.jobid });
		expect(events.at(-1)).toMatchObject({
			event: 'midjourney_completed',
			job: { jobid: child.jobid },
		});

		const p = await (await get(`/jobs/${parent.jobid}`)).json();
		expect(p.response.executeOnce).toEqual({ U1: child.jobid });
		expect(p.response.children).toEqual({ [child.jobid]: 'U1' });
		const upscaled = await pollUntilFinal(child.jobid);
		expect(upscaled.response.buttons).toContain('Vary (Region)');

		const seed = await (
			await postJson('/jobs/seed', { jobId: parent.jobid, stream: false })
		).json();
		expect(seed).toMatchObject({ verb: 'seed', request: { jobId: parent.jobid } });
		expect(seed.jobType).toBeUndefined();
		expect(seed.jobid).toMatch(/^j\d{19}-u12345-c/);
		const seedDone = await pollUntilFinal(seed.jobid);
		expect(seedDone.response.content).toMatch(/\*\*seed\*\* \d+/);
		expect(seedDone.response.attachments).toHaveLength(4);
		expect((await postJson('/jobs/seed', { jobId: parent.jobid, stream: false })).status).toBe(200);
	});

	test('button errors: 404/410 parent, unknown or unavailable button, mask and prompt requirements', async () => {
		const parent = await completedImagine();
		const missing = await postJson('/jobs/button', {
			jobId: parent.jobid.replace(/j\d{4}/, 'j0101'),
			button: 'U1',
		});
		expect(missing.status).toBe(404);
		expect(await missing.json()).toEqual({ error: 'Parent job not found' });
		expect((await (await postJson('/jobs/button', { button: 'U1' })).json()).error).toBe(
			'jobId is required',
		);
		const unavailable = await postJson('/jobs/button', {
			jobId: parent.jobid,
			button: 'Custom Zoom',
		});
		expect(unavailable.status).toBe(400);
		expect((await unavailable.json()).error).toMatch(/not available/);

		const upscale = await pollUntilFinal(
			(
				await (
					await postJson('/jobs/button', { jobId: parent.jobid, button: 'U2', stream: false })
				).json()
			).jobid,
		);
		const noMask = await postJson('/jobs/button', {
			jobId: upscale.jobid,
			button: 'Vary (Region)',
		});
		expect((await noMask.json()).error).toMatch(/mask/);
		const noPrompt = await postJson('/jobs/button', {
			jobId: upscale.jobid,
			button: 'Custom Zoom',
		});
		expect((await noPrompt.json()).error).toMatch(/prompt/);
		const animate = await (
			await postJson('/jobs/button', {
				jobId: upscale.jobid,
				button: 'Animate (Low motion)',
				stream: false,
			})
		).json();
		expect(animate.jobType).toBe('video');
		const video = await pollUntilFinal(animate.jobid);
		const mp4 = await fetch(video.response.videoUx[0].url);
		expect(mp4.headers.get('content-type')).toBe('video/mp4');

		sim.expireJob(parent.jobid);
		const gone = await postJson('/jobs/button', { jobId: parent.jobid, button: 'V1' });
		expect(gone.status).toBe(410);
		expect(await gone.json()).toEqual({ error: 'Parent job has expired' });
	});
});

describe('GET/DELETE /jobs/:jobid', () => {
	test('404, 410 after expireJob, DELETE ends an open stream with midjourney_failed, 400 when final', async () => {
		expect(
			await (await get('/jobs/j0000000000000000000i-u12345-c1-bot:midjourney')).json(),
		).toEqual({ error: 'Job not found' });

		const res = await postJson('/jobs/imagine', { prompt: 'slow [[ms=5000]]' });
		const eventsPromise = readEvents(res);
		while (!sim.log[1]?.jobid) await wait(5);
		const jobid = sim.log[1].jobid;
		expect((await del(`/jobs/${jobid}`)).status).toBe(204);
		const { events } = await eventsPromise;
		expect(events.at(-1)).toMatchObject({
			event: 'midjourney_failed',
			job: { status: 'failed', error: 'Job cancelled by user' },
		});
		expect((await (await get('/jobs')).json()).total).toBe(0);

		const again = await del(`/jobs/${jobid}`);
		expect(again.status).toBe(400);
		expect(await again.json()).toEqual({ error: `Job ${jobid} is not running (status failed)` });
		sim.expireJob(jobid);
		expect(await (await get(`/jobs/${jobid}`)).json()).toEqual({
			error: `Job ${jobid} has expired`,
		});
		expect((await del(`/jobs/${jobid}`)).status).toBe(410);
	});
});

describe('accounts', () => {
	test('validation, 201/200, redaction, deterministic channel id, DELETE and empty-body 404s', async () => {
		const bad = [
			[{}, 'Required parameter discord is missing or empty'],
			[{ discord: 'tok', maxJobs: 16 }, /maxJobs/],
			[{ discord: 'tok', maxJobs: 2, maxImageJobs: 3 }, /maxImageJobs/],
			[{ discord: 'tok', maxVideoJobs: 13 }, /maxVideoJobs/],
			[{ discord: 'tok', replyUrl: `https://e.com/${'x'.repeat(2048)}` }, /replyUrl/],
		];
		for (const [body, message] of bad) {
			const res = await postJson('/accounts', body);
			expect(res.status).toBe(400);
			expect((await res.json()).error).toEqual(expect.stringMatching(message));
		}
		const discord = 'MTIsecretDiscordTokenXYZ';
		const created = await postJson('/accounts', { discord, maxJobs: 5, maxImageJobs: 4 });
		expect(created.status).toBe(201);
		const account = await created.json();
		expect(account).toEqual({
			discord: 'MTI...XYZ',
			channel: expect.stringMatching(/^[1-9]\d{18}$/),
			maxJobs: 5,
			maxImageJobs: 4,
			maxVideoJobs: 3,
		});
		const updated = await postJson('/accounts', { discord, maxJobs: 6 });
		expect(updated.status).toBe(200);
		expect((await updated.json()).channel).toBe(account.channel);
		expect(await (await get(`/accounts/${account.channel}`)).json()).toMatchObject({
			discord: 'MTI...XYZ',
			maxJobs: 6,
		});
		expect(JSON.stringify(sim.log)).not.toContain(discord);

		expect((await del(`/accounts/${account.channel}`)).status).toBe(204);
		const gone = await get(`/accounts/${account.channel}`);
		expect(gone.status).toBe(404);
		expect(await gone.text()).toBe('');
		expect((await del(`/accounts/${CHANNEL}`)).status).toBe(204);
		const none = await get('/accounts');
		expect(none.status).toBe(404);
		expect(await none.text()).toBe('');
		expect(
			(await fetch(api(`/accounts/reset/${CHANNEL}`), { method: 'POST', headers: AUTH })).status,
		).toBe(404);
	});

	test('settings-type verbs: single channel implied, channel required when several are configured', async () => {
		const settings = await pollUntilFinal(
			(await (await postJson('/jobs/settings', { stream: false })).json()).jobid,
		);
		expect(settings.jobType).toBeUndefined();
		expect(settings.response.settings).toMatchObject({
			version: '7',
			stylize: 250,
			remix: true,
			relax: true,
			suffix: '--v 7 --s 250',
		});
		const fast = await pollUntilFinal(
			(await (await postJson('/jobs/fast', { stream: false })).json()).jobid,
		);
		expect(fast.response.settings).toEqual({ relax: false, fast: true, turbo: false });
		const info = await pollUntilFinal(
			(await (await postJson('/jobs/info', { stream: false })).json()).jobid,
		);
		expect(info.response.embeds[0].description).toMatch(/\*\*Job Mode\*\*: Fast/);

		await postJson('/accounts', { discord: 'second-discord-token' });
		const ambiguous = await postJson('/jobs/relax', { stream: false });
		expect(ambiguous.status).toBe(400);
		expect(await ambiguous.json()).toEqual({
			error: 'channel parameter is required when multiple channels (2) are configured',
		});
		expect((await postJson('/jobs/relax', { stream: false, channel: CHANNEL })).status).toBe(201);
	});
});

describe('multipart uploads', () => {
	test('describe with imageBlob and blend with imageBlob_1/_2; size and count limits', async () => {
		const png = Buffer.from(
			await (await fetch((await completedImagine()).response.imageUx[0].url)).arrayBuffer(),
		);
		const form = new FormData();
		form.append('imageBlob', new Blob([png], { type: 'image/png' }), 'cat.png');
		form.append('stream', 'false');
		const described = await fetch(api('/jobs/describe'), {
			method: 'POST',
			headers: AUTH,
			body: form,
		});
		expect(described.status).toBe(201);
		const job = await described.json();
		expect(job.request).toEqual({ stream: false, describeUrl: 'blob' });
		expect(sim.log.at(-1).body).toEqual({
			stream: 'false',
			imageBlob: { filename: 'cat.png', size: png.length, contentType: 'image/png' },
		});
		expect((await pollUntilFinal(job.jobid)).response.embeds[0].description).toMatch(
			/^1️⃣ .*\n\n2️⃣ .*\n\n3️⃣ .*\n\n4️⃣ /s,
		);

		const blend = new FormData();
		blend.append('imageBlob_1', new Blob([png]), 'a.png');
		blend.append('imageBlob_2', new Blob([png]), 'b.png');
		blend.append('blendDimensions', 'Portrait');
		blend.append('stream', 'false');
		const blended = await (
			await fetch(api('/jobs/blend'), { method: 'POST', headers: AUTH, body: blend })
		).json();
		expect(blended.request).toMatchObject({
			blendUrls: ['blob_0', 'blob_1'],
			blendDimensions: 'Portrait',
		});

		const one = new FormData();
		one.append('imageBlob_1', new Blob([png]), 'a.png');
		expect(
			await (await fetch(api('/jobs/blend'), { method: 'POST', headers: AUTH, body: one })).json(),
		).toEqual({
			error: 'At least 2 images are required for blend',
		});
		const big = new FormData();
		big.append('imageBlob', new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)]), 'big.png');
		expect(
			(await fetch(api('/jobs/describe'), { method: 'POST', headers: AUTH, body: big })).status,
		).toBe(400);
		expect((await postJson('/jobs/describe', {})).status).toBe(400);
	});
});

describe('webhooks', () => {
	test('replyLevel all / standard / minimal, channel replyUrl, retries on non-2xx', async () => {
		const hook = await receiver([500]);
		try {
			sim.setFaults({ callbackRetries: 1, callbackRetryDelayMs: 20 });
			const statusesOf = (jobid) =>
				sim.callbacks
					.filter((c) => c.jobid === jobid && c.status === 200)
					.map((c) => c.body.status);
			const run = async (replyLevel) => {
				const job = await (
					await postJson('/jobs/imagine', {
						prompt: replyLevel,
						stream: false,
						replyUrl: hook.url,
						replyLevel,
					})
				).json();
				await pollUntilFinal(job.jobid);
				await wait(80);
				return job.jobid;
			};
			const all = await run('all');
			expect(statusesOf(all)).toEqual([
				'created',
				'started',
				'progress',
				'progress',
				'progress',
				'completed',
			]);
			expect(sim.callbacks[0]).toMatchObject({ url: hook.url, status: 500, attempt: 1 });
			expect(sim.callbacks[1]).toMatchObject({
				status: 200,
				attempt: 2,
				body: { status: 'created' },
			});
			expect(statusesOf(await run('standard'))).toEqual(['created', 'completed']);
			expect(statusesOf(await run('minimal'))).toEqual(['completed']);
			expect(hook.hits.every((h) => h.contentType === 'application/json')).toBe(true);

			const updated = await postJson('/accounts', { discord: 'MTIfake...xyz', replyUrl: hook.url });
			expect(updated.status).toBe(200); // same token -> same (default) channel
			expect((await updated.json()).channel).toBe(CHANNEL);
			const viaChannel = await (
				await postJson('/jobs/imagine', { prompt: 'channel hook', stream: false })
			).json();
			await pollUntilFinal(viaChannel.jobid);
			await wait(80);
			expect(statusesOf(viaChannel.jobid).at(-1)).toBe('completed');
		} finally {
			await hook.close();
		}
	});
});

describe('CDN, proxy, control endpoints and the log', () => {
	test('cdn403 knob, proxy auth and parameters', async () => {
		const job = await completedImagine();
		const url = job.response.imageUx[1].url;
		sim.setFaults({ cdn403: 1 });
		expect((await fetch(url)).status).toBe(403);
		expect((await fetch(url)).status).toBe(200);
		const proxied = (cdnUrl, headers = AUTH) =>
			fetch(`${sim.url}/v1/proxy/cdn-midjourney/?cdnUrl=${encodeURIComponent(cdnUrl)}`, {
				headers,
			});
		const real = url.replace(`${sim.url}/cdn.midjourney.com/`, 'https://cdn.midjourney.com/');
		const ok = await proxied(real);
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('image/png');
		expect(await (await proxied(real, {})).json()).toEqual({ error: 'Unauthorized', code: 401 });
		expect((await proxied('https://example.com/x.png')).status).toBe(400);
	});

	test('control endpoints are unauthenticated, unlogged, and the log never holds the API token', async () => {
		const faults = await fetch(`${sim.url}/__sim/faults`, {
			method: 'POST',
			body: JSON.stringify({ latencyMs: 30 }),
		});
		expect((await faults.json()).latencyMs).toBe(30);
		const t0 = Date.now();
		const job = await (
			await postJson('/jobs/imagine', { prompt: `token ${TOKEN} in prompt`, stream: false })
		).json();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
		await get(`/jobs/${job.jobid}`, { authorization: 'Bearer old-token' });
		expect(
			(await fetch(`${sim.url}/__sim/expire/${encodeURIComponent(job.jobid)}`, { method: 'POST' }))
				.status,
		).toBe(204);
		expect((await get(`/jobs/${job.jobid}`)).status).toBe(410);

		const log = await (await fetch(`${sim.url}/__sim/log`)).json();
		expect(log.map((r) => r.path)).toEqual([
			'/v3/midjourney/jobs/imagine',
			`/v3/midjourney/jobs/${job.jobid}`,
			`/v3/midjourney/jobs/${job.jobid}`,
		]);
		expect(log.map((r) => r.status)).toEqual([201, 402, 410]);
		const text = JSON.stringify(log);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain('old-token');
		expect(text.toLowerCase()).not.toContain('authorization');
		expect((await (await fetch(`${sim.url}/__sim/stats`)).json()).submitted).toBe(1);
		await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
		expect(sim.log).toEqual([]);
		expect(sim.faults.latencyMs).toBe(0);
	});
});
