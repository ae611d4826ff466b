'use strict';
// Tests of the legacy useapi.net Midjourney v2 simulator (tools/simulator-v2) against
// api-docs/v2-imagine-legacy.txt.
const http = require('node:http');
const zlib = require('node:zlib');
const { startV2Simulator } = require('../tools/simulator-v2');

const TOKEN = 'sim-v2-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const ACCOUNT_DISCORD = 'MTIaccount-discord-token.AbCdEf.secretsecretsecretxyz';
const CHANNEL = '1234567890123456789';
const SERVER = '1111111111111111111';
const CHANNEL_B = '2234567890123456789';
const REQUEST_DISCORD = 'OTQrequest-discord-token.ZyXwVu.anothersecret123abc';
const FINAL = ['completed', 'failed', 'moderated'];

let sim;
beforeAll(async () => {
	sim = await startV2Simulator({
		expiredTokens: ['expired-token'],
		jobDurationMs: 120,
		progressSteps: 3,
		accounts: [
			{ discord: ACCOUNT_DISCORD, server: SERVER, channel: CHANNEL, maxJobs: 3 },
			{
				discord: 'MTIsecond-account-token.QwErTy.zzzzzzzzzzzzzz999',
				server: SERVER,
				channel: CHANNEL_B,
				maxJobs: 2,
				replyUrl: 'http://127.0.0.1:1/account-hook',
			},
		],
	});
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

function imagine(body, headers = AUTH) {
	return fetch(`${sim.url}/v2/jobs/imagine`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

const readJob = (jobid, headers = AUTH) =>
	fetch(`${sim.url}/v2/jobs/?jobid=${encodeURIComponent(jobid)}`, { headers });

async function imagineOk(body) {
	const res = await imagine({ channel: CHANNEL, ...body });
	expect(res.status).toBe(200);
	return res.json();
}

async function pollUntilFinal(jobid) {
	const seen = [];
	for (let i = 0; i < 200; i++) {
		const job = await (await readJob(jobid)).json();
		if (seen[seen.length - 1] !== job.status) seen.push(job.status);
		if (FINAL.includes(job.status)) return { job, seen };
		await wait(10);
	}
	throw new Error(`job ${jobid} never finished`);
}

async function until(predicate, ms = 3000) {
	const end = Date.now() + ms;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('condition never met');
		await wait(10);
	}
}

/** A callback receiver answering `statuses` in turn (then 200). */
async function receiver(statuses = []) {
	const hits = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			hits.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
			res.writeHead(statuses.shift() ?? 200).end();
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		hits,
		close: () => new Promise((r) => server.close(r)),
	};
}

describe('auth', () => {
	test('401 without a token, with a wrong one, or without Bearer', async () => {
		for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: TOKEN }]) {
			const res = await imagine({ prompt: 'x' }, headers);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ error: 'Unauthorized', code: 401 });
		}
		expect((await readJob('j1', {})).status).toBe(401);
		expect(sim.jobs.size).toBe(0);
	});

	test('402 for an expired token, as documented', async () => {
		const res = await imagine({ prompt: 'x' }, { authorization: 'Bearer expired-token' });
		expect(res.status).toBe(402);
		expect(await res.json()).toEqual({
			error: 'Account has no subscription or subscription expired',
			code: 402,
		});
	});

	test('unknown routes answer 404', async () => {
		const res = await fetch(`${sim.url}/v2/jobs/blend`, { method: 'POST', headers: AUTH });
		expect(res.status).toBe(404);
		expect((await res.json()).code).toBe(404);
	});
});

describe('POST /v2/jobs/imagine', () => {
	test('200 with the documented fields; discord shown as first 3 and last 3 characters', async () => {
		const res = await imagine({
			prompt: 'Steampunk cat',
			discord: REQUEST_DISCORD,
			server: SERVER,
			channel: CHANNEL,
			maxJobs: 2,
			replyUrl: 'http://127.0.0.1:1/hook',
			replyRef: 'ref-42',
		});
		expect(res.status).toBe(200);
		const job = await res.json();
		expect(Object.keys(job)).toEqual([
			'jobid',
			'verb',
			'status',
			'created',
			'updated',
			'prompt',
			'discord',
			'channel',
			'server',
			'maxJobs',
			'replyUrl',
			'replyRef',
			'messageId',
			'content',
			'timestamp',
			'code',
		]);
		expect(job).toMatchObject({
			verb: 'imagine',
			status: 'started',
			prompt: 'Steampunk cat',
			discord: 'OTQ...abc',
			channel: CHANNEL,
			server: SERVER,
			maxJobs: 2,
			replyUrl: 'http://127.0.0.1:1/hook',
			replyRef: 'ref-42',
			code: 200,
		});
		expect(job.jobid).toMatch(new RegExp(`^j\\d{19}i-u12345-c${CHANNEL}-bot:midjourney$`));
		expect(job.messageId).toMatch(/^\d{19}$/);
		expect(job.content).toMatch(/^\*\*Steampunk cat\*\* - <@\d+> \(Waiting to start\)$/);
		expect(job.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
		expect(Date.parse(job.created)).not.toBeNaN();
		expect(sim.jobs.get(job.jobid)).toEqual(job);
	});

	test('without discord/server/channel a configured account is used, maxJobs and replyUrl from it', async () => {
		const seen = new Set();
		for (let i = 0; i < 12 && seen.size < 2; i++) {
			const job = await (await imagine({ prompt: `any account ${i} [[ms=0]]` })).json();
			seen.add(job.channel);
			if (job.channel === CHANNEL_B) {
				expect(job).toMatchObject({ maxJobs: 2, replyUrl: 'http://127.0.0.1:1/account-hook' });
				expect(job.discord).toBe('MTI...999');
			} else {
				expect(job).toMatchObject({ maxJobs: 3, server: SERVER, discord: 'MTI...xyz' });
				expect(job.replyUrl).toBeUndefined();
			}
			await wait(5);
		}
		expect([...seen].sort()).toEqual([CHANNEL, CHANNEL_B]);
	});

	test('channel alone picks that configured account; maxJobs defaults to 3', async () => {
		const job = await imagineOk({ prompt: 'channel alone' });
		expect(job).toMatchObject({
			channel: CHANNEL,
			server: SERVER,
			discord: 'MTI...xyz',
			maxJobs: 3,
		});
		const adHoc = await (
			await imagine({ prompt: 'ad hoc', discord: REQUEST_DISCORD, server: '42', channel: '777' })
		).json();
		expect(adHoc).toMatchObject({ channel: '777', server: '42', maxJobs: 3 });
	});

	describe('validation (400, documented texts where the document has them)', () => {
		const MISSING = 'prompt, discord, server or channel value is missing';
		const TOO_LONG = 'prompt, replyRef or replyUrl is too long';
		const cases = [
			['no prompt', {}, MISSING],
			['blank prompt', { prompt: '   ' }, MISSING],
			['prompt not a string', { prompt: 42 }, MISSING],
			['discord without server/channel', { prompt: 'x', discord: REQUEST_DISCORD }, MISSING],
			[
				'discord+channel without server',
				{ prompt: 'x', discord: REQUEST_DISCORD, channel: CHANNEL },
				MISSING,
			],
			['server alone', { prompt: 'x', server: SERVER }, MISSING],
			['prompt of 2049 characters', { prompt: 'p'.repeat(2049) }, TOO_LONG],
			[
				'replyUrl of 1025 characters',
				{ prompt: 'x', replyUrl: `http://h/${'u'.repeat(1016)}` },
				TOO_LONG,
			],
			['replyRef of 1025 characters', { prompt: 'x', replyRef: 'r'.repeat(1025) }, TOO_LONG],
			[
				'replyUrl not a URL',
				{ prompt: 'x', replyUrl: 'not a url' },
				'replyUrl value must be a valid http(s) URL',
			],
			[
				'maxJobs 0',
				{ prompt: 'x', maxJobs: 0 },
				'maxJobs value must be an integer between 1 and 15',
			],
			[
				'maxJobs 16',
				{ prompt: 'x', maxJobs: 16 },
				'maxJobs value must be an integer between 1 and 15',
			],
			[
				'maxJobs 2.5',
				{ prompt: 'x', maxJobs: 2.5 },
				'maxJobs value must be an integer between 1 and 15',
			],
			[
				'maxJobs text',
				{ prompt: 'x', maxJobs: 'three' },
				'maxJobs value must be an integer between 1 and 15',
			],
			[
				'channel not digits',
				{ prompt: 'x', channel: 'general' },
				'channel value must be a Discord id (digits)',
			],
			[
				'server not digits',
				{ prompt: 'x', discord: REQUEST_DISCORD, server: 's1', channel: CHANNEL },
				'server value must be a Discord id (digits)',
			],
			[
				'unconfigured channel alone',
				{ prompt: 'x', channel: '999' },
				'Channel 999 is not configured, see account/midjourney',
			],
			['replyRef object', { prompt: 'x', replyRef: { a: 1 } }, 'replyRef value must be a string'],
		];
		test.each(cases)('%s', async (_name, body, error) => {
			const res = await imagine(body);
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ error, code: 400 });
			expect(sim.jobs.size).toBe(0);
		});

		test('limits are inclusive: 2048-character prompt, 1024-character replyRef, maxJobs "15"', async () => {
			const job = await imagineOk({
				prompt: 'p'.repeat(2048),
				replyRef: 'r'.repeat(1024),
				maxJobs: '15',
			});
			expect(job.maxJobs).toBe(15);
		});

		test('invalid JSON and non-object bodies', async () => {
			let res = await imagine('{"prompt": ');
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ error: 'Invalid JSON body', code: 400 });
			res = await imagine('["prompt"]');
			expect(res.status).toBe(400);
		});

		test('no configured account and no discord/server/channel: missing', async () => {
			const bare = await startV2Simulator({ accounts: [] });
			try {
				const res = await fetch(`${bare.url}/v2/jobs/imagine`, {
					method: 'POST',
					headers: { authorization: 'Bearer sim-v2-token', 'content-type': 'application/json' },
					body: JSON.stringify({ prompt: 'x' }),
				});
				expect(res.status).toBe(400);
				expect((await res.json()).error).toBe(MISSING);
			} finally {
				await bare.close();
			}
		});
	});

	test('422 Invalid parameter for a flag Midjourney does not know; the job is stored moderated', async () => {
		const res = await imagine({ channel: CHANNEL, prompt: 'cat --size 5 --ar 16:9 --foo' });
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(body).toEqual({
			error: 'Invalid parameter',
			errorDetails: 'Unrecognized parameter(s): `size`, `foo`',
			jobid: expect.any(String),
			status: 'moderated',
			code: 422,
		});
		expect(sim.jobs.get(body.jobid).status).toBe('moderated');
		expect(
			(await imagine({ channel: CHANNEL, prompt: 'cat --v 6.1 --s 750 --no dogs --niji 6' }))
				.status,
		).toBe(200);
	});
});

describe('GET /v2/jobs/?jobid=', () => {
	test('400 without jobid, 404 for an unknown one', async () => {
		let res = await fetch(`${sim.url}/v2/jobs/`, { headers: AUTH });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: 'Query param jobid not provided', code: 400 });
		res = await readJob('j0000000000000000000i-u12345-c1-bot:midjourney');
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: 'Unable to locate jobid', code: 404 });
	});

	test('lifecycle started -> progress -> completed with attachments and buttons', async () => {
		const started = await imagineOk({ prompt: 'a lighthouse --ar 16:9', replyRef: 'r1' });
		const contents = new Set();
		let job;
		for (let i = 0; i < 200; i++) {
			// also without the trailing slash
			job = await (
				await fetch(`${sim.url}/v2/jobs?jobid=${encodeURIComponent(started.jobid)}`, {
					headers: AUTH,
				})
			).json();
			contents.add(`${job.status} ${job.content}`);
			if (job.status === 'completed') break;
			await wait(5);
		}
		const list = [...contents];
		expect(list[0]).toMatch(/^(started|progress) /);
		expect(list).toEqual(
			expect.arrayContaining([expect.stringMatching(/^progress .*\(\d+%\) \(fast\)$/)]),
		);
		expect(list.some((s) => / \(50%\) /.test(s))).toBe(true);
		expect(job).toMatchObject({
			status: 'completed',
			replyRef: 'r1',
			code: 200,
			buttons: ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4'],
		});
		expect(job.content).toMatch(/^\*\*a lighthouse --ar 16:9\*\* - <@\d+> \(fast\)$/);
		expect(job.messageId).not.toBe(started.messageId); // the grid is a new Discord message
		expect(Date.parse(job.updated)).toBeGreaterThan(Date.parse(started.updated));
		expect(job.attachments).toHaveLength(1);
		const [a] = job.attachments;
		expect(Object.keys(a)).toEqual([
			'id',
			'filename',
			'size',
			'url',
			'proxy_url',
			'width',
			'height',
			'content_type',
		]);
		expect(a.width).toBeGreaterThan(a.height);
		expect(a.filename).toMatch(/^simuser_a_lighthouse_[0-9a-f-]{36}\.png$/);
		expect(sim.stats()).toMatchObject({ submitted: 1, completed: 1 });
		const reads = sim.log.filter((r) => r.method === 'GET' && r.path === '/v2/jobs');
		expect(reads.every((r) => r.jobid === started.jobid && r.status === 200)).toBe(true);
	});

	test('updated strictly increases at every change', async () => {
		const { jobid } = await imagineOk({ prompt: 'times' });
		const stamps = [];
		for (let i = 0; i < 200; i++) {
			const job = sim.jobs.get(jobid);
			if (stamps[stamps.length - 1] !== job.updated) stamps.push(job.updated);
			if (job.status === 'completed') break;
			await wait(3);
		}
		for (let i = 1; i < stamps.length; i++)
			expect(Date.parse(stamps[i])).toBeGreaterThan(Date.parse(stamps[i - 1]));
	});
});

describe('markers', () => {
	test('[[ms=NNN]] sets the duration of one job', async () => {
		const slow = await imagineOk({ prompt: 'slow [[ms=600]]' });
		const fast = await imagineOk({ prompt: 'fast [[ms=20]]' });
		await wait(120);
		expect(sim.jobs.get(fast.jobid).status).toBe('completed');
		expect(sim.jobs.get(slow.jobid).status).not.toBe('completed');
		sim.finishRunningJobs();
		expect(sim.jobs.get(slow.jobid).status).toBe('completed');
	});

	test('[[failed]] ends failed after a progress step', async () => {
		const { jobid } = await imagineOk({ prompt: 'boom [[failed]]' });
		const { job, seen } = await pollUntilFinal(jobid);
		expect(seen[seen.length - 1]).toBe('failed');
		expect(job).toMatchObject({ status: 'failed', error: 'Job failed', code: 500 });
		expect(job.errorDetails).toEqual(expect.any(String));
		expect(job.attachments).toBeUndefined();
		expect(sim.stats().failed).toBe(1);
	});

	test('[[moderated]] is accepted, then ends moderated with the documented 422 texts', async () => {
		const { jobid, status } = await imagineOk({ prompt: 'edgy [[moderated]]' });
		expect(status).toBe('started');
		const { job } = await pollUntilFinal(jobid);
		expect(job).toMatchObject({
			status: 'moderated',
			error: 'Action needed to continue',
			errorDetails:
				'Sorry! Our AI moderators feel your prompt might be against our community standards.',
			code: 422,
		});
		expect(sim.stats().moderated).toBe(1);
	});

	test('[[reject]]: the submit answers the documented 422 body', async () => {
		const res = await imagine({ channel: CHANNEL, prompt: 'nope [[reject]]' });
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(body).toEqual({
			error: 'Action needed to continue',
			errorDetails:
				'Sorry! Our AI moderators feel your prompt might be against our community standards.',
			jobid: expect.any(String),
			status: 'moderated',
			code: 422,
		});
		expect((await (await readJob(body.jobid)).json()).status).toBe('moderated');
		expect(sim.stats().running[CHANNEL]).toBe(0);
	});

	test('[[504]]: Job queued, failed', async () => {
		const res = await imagine({ channel: CHANNEL, prompt: 'queued [[504]]' });
		expect(res.status).toBe(504);
		const body = await res.json();
		expect(body).toEqual({
			error: 'Job queued',
			jobid: expect.any(String),
			status: 'failed',
			code: 504,
		});
		expect(sim.jobs.get(body.jobid).status).toBe('failed');
	});

	test('[[596]]: Pending mod message halts the channel until account/midjourney/<channel>/reset', async () => {
		let res = await imagine({ channel: CHANNEL, prompt: 'mod [[596]]', replyRef: 'x' });
		expect(res.status).toBe(596);
		const job = await res.json();
		expect(job).toMatchObject({
			verb: 'imagine',
			status: 'failed',
			error: 'Pending mod message',
			errorDetails:
				'You have a pending moderation message. Please acknowledge it before using the bot further.',
			replyRef: 'x',
			discord: 'MTI...xyz',
			code: 596,
		});
		res = await imagine({ channel: CHANNEL, prompt: 'after' });
		expect(res.status).toBe(596);
		expect(await res.json()).toEqual({
			error: `Your Discord account has received a pending moderation message from Midjourney. Please address this issue and POST account/midjourney/${CHANNEL}/reset before making any new API calls.`,
			code: 596,
		});
		// random selection skips the halted channel
		for (let i = 0; i < 4; i++) {
			const other = await (await imagine({ prompt: `other ${i} [[ms=0]]` })).json();
			expect(other).toMatchObject({ status: 'started', channel: CHANNEL_B });
			sim.finishRunningJobs();
		}

		res = await fetch(`${sim.url}/v2/account/midjourney/${CHANNEL}/reset`, {
			method: 'POST',
			headers: AUTH,
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ channel: CHANNEL, discord: 'MTI...xyz', code: 200 });
		expect((await imagine({ channel: CHANNEL, prompt: 'again' })).status).toBe(200);

		res = await fetch(`${sim.url}/v2/account/midjourney/555/reset`, {
			method: 'POST',
			headers: AUTH,
		});
		expect(res.status).toBe(404);
		res = await fetch(`${sim.url}/v2/account/midjourney/${CHANNEL}/reset`, { method: 'POST' });
		expect(res.status).toBe(401);
	});
});

describe('replyUrl callbacks', () => {
	test('the job JSON is POSTed once, at the final status', async () => {
		const hook = await receiver();
		try {
			const { jobid } = await imagineOk({ prompt: 'call me', replyUrl: hook.url, replyRef: 'abc' });
			await until(() => sim.callbacks.length === 1);
			await wait(60);
			expect(hook.hits).toHaveLength(1);
			expect(hook.hits[0]).toMatchObject({ method: 'POST', type: 'application/json' });
			expect(hook.hits[0].body).toMatchObject({ jobid, status: 'completed', replyRef: 'abc' });
			expect(hook.hits[0].body.attachments).toHaveLength(1);
			const [cb] = sim.callbacks;
			expect(cb).toEqual({
				url: hook.url,
				status: 200,
				body: hook.hits[0].body,
				t: expect.any(Number),
				jobid,
				jobStatus: 'completed',
				attempt: 1,
			});
			expect(sim.stats().callbacks).toBe(1);
		} finally {
			await hook.close();
		}
	});

	test('failed, moderated and submit-time refusals are final too', async () => {
		const hook = await receiver();
		try {
			await imagineOk({ prompt: 'f [[failed]]', replyUrl: hook.url });
			await imagineOk({ prompt: 'm [[moderated]]', replyUrl: hook.url });
			expect(
				(await imagine({ channel: CHANNEL, prompt: 'r [[reject]]', replyUrl: hook.url })).status,
			).toBe(422);
			await until(() => sim.callbacks.length === 3);
			expect(sim.callbacks.map((c) => c.jobStatus).sort()).toEqual([
				'failed',
				'moderated',
				'moderated',
			]);
		} finally {
			await hook.close();
		}
	});

	test('callbackRetries retries a non-2xx answer callbackRetryDelayMs apart', async () => {
		const hook = await receiver([500, 503]);
		try {
			sim.setFaults({ callbackRetries: 3, callbackRetryDelayMs: 30 });
			const { jobid } = await imagineOk({ prompt: 'retry [[ms=0]]', replyUrl: hook.url });
			await until(() => sim.callbacks.length === 3);
			await wait(80);
			expect(sim.callbacks.map((c) => [c.attempt, c.status])).toEqual([
				[1, 500],
				[2, 503],
				[3, 200],
			]);
			expect(sim.callbacks.every((c) => c.jobid === jobid)).toBe(true);
			expect(sim.callbacks[1].t - sim.callbacks[0].t).toBeGreaterThanOrEqual(25);
		} finally {
			await hook.close();
		}
	});

	test("an unreachable replyUrl is recorded as 'error' (no retries by default)", async () => {
		await imagineOk({ prompt: 'nobody [[ms=0]]', replyUrl: 'http://127.0.0.1:1/none' });
		await until(() => sim.callbacks.length === 1);
		await wait(50);
		expect(sim.callbacks).toHaveLength(1);
		expect(sim.callbacks[0]).toMatchObject({ status: 'error', attempt: 1 });
	});
});

describe('capacity (maxJobs per channel)', () => {
	test('beyond maxJobs the documented 429 lists the executing jobs; a finished job frees a slot', async () => {
		const a = await imagineOk({ prompt: 'one [[ms=400]]', maxJobs: 2 });
		const b = await imagineOk({ prompt: 'two [[ms=400]]', maxJobs: 2 });
		const res = await imagine({ channel: CHANNEL, prompt: 'three', maxJobs: 2 });
		expect(res.status).toBe(429);
		expect(await res.json()).toEqual({
			error: 'Maximum of 2 jobs executing in parallel supported',
			executingJobs: [a.jobid, b.jobid],
			code: 429,
		});
		// the default (the account's 3) still has room; another channel is independent
		await imagineOk({ prompt: 'third slot [[ms=400]]' });
		expect((await imagine({ channel: CHANNEL, prompt: 'fourth' })).status).toBe(429);
		expect((await imagine({ channel: CHANNEL_B, prompt: 'elsewhere' })).status).toBe(200);
		sim.finishRunningJobs();
		expect((await imagine({ channel: CHANNEL, prompt: 'now fits' })).status).toBe(200);
		const stats = sim.stats();
		expect(stats.maxConcurrent[CHANNEL]).toBe(3);
		expect(stats.maxConcurrent[CHANNEL_B]).toBe(1);
		expect(stats.responses).toEqual({ 200: 5, 429: 2 });
		expect(stats.submitted).toBe(5);
	});

	test('random account choice prefers a channel with a free slot', async () => {
		await imagineOk({ channel: CHANNEL_B, prompt: 'b1 [[ms=400]]' });
		await imagineOk({ channel: CHANNEL_B, prompt: 'b2 [[ms=400]]' });
		for (let i = 0; i < 3; i++)
			expect((await (await imagine({ prompt: `r${i} [[ms=400]]` })).json()).channel).toBe(CHANNEL);
		expect((await imagine({ prompt: 'all full' })).status).toBe(429);
	});
});

describe('fault knobs', () => {
	test('setFaults throws on an unknown knob or a bad value, and applies nothing then', () => {
		expect(() => sim.setFaults({ nope: 1 })).toThrow(/Unknown fault knob nope/);
		expect(() => sim.setFaults({ force429: 1, hang: -1 })).toThrow(/hang/);
		expect(sim.faults.force429).toBe(0);
		expect(() => sim.setFaults({ readErrors: ['boom'] })).toThrow();
		expect(() => sim.setFaults({ submitErrors: [99] })).toThrow();
		expect(sim.setFaults({ latencyMs: 1 }).latencyMs).toBe(1);
	});

	test('force429: the Discord form of the documented 429, then normal again', async () => {
		sim.setFaults({ force429: 2 });
		for (let i = 0; i < 2; i++) {
			const res = await imagine({ channel: CHANNEL, prompt: 'x' });
			expect(res.status).toBe(429);
			const body = await res.json();
			expect(body).toMatchObject({
				error: 'Discord /interactions failed with HTTP status 429',
				code: 429,
			});
			expect(JSON.parse(body.errorDetails)).toMatchObject({ global: true, retry_after: 10 });
		}
		expect((await imagine({ channel: CHANNEL, prompt: 'x' })).status).toBe(200);
		expect(sim.jobs.size).toBe(1);
	});

	test('submitErrors: in order, numbers or {status, body}; invalid requests do not consume them', async () => {
		sim.setFaults({ submitErrors: [503, { status: 500, body: { error: 'custom' } }] });
		expect((await imagine({})).status).toBe(400);
		let res = await imagine({ channel: CHANNEL, prompt: 'x' });
		expect(res.status).toBe(503);
		expect(await res.json()).toEqual({ error: 'Service Unavailable', code: 503 });
		res = await imagine({ channel: CHANNEL, prompt: 'x' });
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({ error: 'custom', code: 500 });
		expect(sim.jobs.size).toBe(0);
		expect((await imagine({ channel: CHANNEL, prompt: 'x' })).status).toBe(200);
	});

	test("readErrors: statuses, then 'reset' drops the connection, then normal reads", async () => {
		const { jobid } = await imagineOk({ prompt: 'read me' });
		sim.setFaults({ readErrors: [500, 'reset'] });
		let res = await readJob(jobid);
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual({ error: 'Internal Server Error', code: 500 });
		await expect(readJob(jobid)).rejects.toThrow();
		res = await readJob(jobid);
		expect(res.status).toBe(200);
		expect(sim.log.filter((r) => r.method === 'GET').map((r) => r.status)).toEqual([
			500,
			'reset',
			200,
		]);
	});

	test('latencyMs delays every API answer', async () => {
		sim.setFaults({ latencyMs: 150 });
		const t0 = Date.now();
		expect((await imagine({ channel: CHANNEL, prompt: 'slow' })).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
	});

	test('hang: the job is created and runs but the submit never answers', async () => {
		sim.setFaults({ hang: 1 });
		const controller = new AbortController();
		let answered = false;
		const lost = fetch(`${sim.url}/v2/jobs/imagine`, {
			method: 'POST',
			headers: { ...AUTH, 'content-type': 'application/json' },
			body: JSON.stringify({ channel: CHANNEL, prompt: 'hung [[ms=50]]' }),
			signal: controller.signal,
		}).then(
			() => (answered = true),
			() => {},
		);
		await until(() => sim.jobs.size === 1);
		const [hung] = sim.jobs.values();
		await wait(150);
		expect(sim.jobs.get(hung.jobid).status).toBe('completed');
		expect(answered).toBe(false);
		const record = sim.log.find((r) => r.jobid === hung.jobid);
		expect(record.status).toBeNull();
		controller.abort();
		await lost;
		await until(() => record.status !== null);
		expect(record.status).toBe('aborted');
		expect(answered).toBe(false);
		expect((await imagine({ channel: CHANNEL, prompt: 'next one' })).status).toBe(200);
	});
});

describe('media', () => {
	test('attachment url and proxy_url serve the real PNG of the reported size; unknown paths 404', async () => {
		const { jobid } = await imagineOk({ prompt: 'pixels --ar 2:3 [[ms=0]]' });
		const { job } = await pollUntilFinal(jobid);
		const [a] = job.attachments;
		for (const url of [a.url, a.proxy_url]) {
			const res = await fetch(url); // no auth, like Discord's CDN
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			const png = Buffer.from(await res.arrayBuffer());
			expect(png.length).toBe(a.size);
			expect(png.subarray(0, 8)).toEqual(
				Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			);
			expect(png.toString('latin1', 12, 16)).toBe('IHDR');
			expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([a.width, a.height]);
			const idat = png.indexOf('IDAT', 0, 'latin1');
			const raw = zlib.inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
			expect(raw.length).toBe(a.height * (Math.ceil(a.width / 8) + 1));
		}
		expect(a.height).toBeGreaterThan(a.width);
		const head = await fetch(a.url, { method: 'HEAD' });
		expect(Number(head.headers.get('content-length'))).toBe(a.size);
		expect((await fetch(`${sim.url}/cdn.discordapp.com/attachments/1/2/none.png`)).status).toBe(
			404,
		);
	});
});

describe('secrets in sim.log', () => {
	test('never the API token nor a Discord token; discord fields stored redacted', async () => {
		await imagine({
			prompt: 'x',
			discord: REQUEST_DISCORD,
			server: SERVER,
			channel: CHANNEL,
			replyRef: REQUEST_DISCORD,
		});
		await imagine({ prompt: `leak ${TOKEN} and ${ACCOUNT_DISCORD}`, channel: CHANNEL });
		await imagine(
			{ prompt: 'refused', discord: REQUEST_DISCORD },
			{ authorization: 'Bearer wrong' },
		);
		await fetch(`${sim.url}/v2/jobs/?jobid=${TOKEN}&discord=${REQUEST_DISCORD}`, { headers: AUTH });
		await fetch(`${sim.url}/v2/${TOKEN}`, { headers: AUTH });
		const text = JSON.stringify(sim.log);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain(REQUEST_DISCORD);
		expect(text).not.toContain(ACCOUNT_DISCORD);
		expect(sim.log[0].body).toMatchObject({ discord: 'OTQ...abc', replyRef: '[REDACTED]' });
		expect(sim.log[1].body.prompt).toBe('leak [REDACTED] and [REDACTED]');
		expect(sim.log[2]).toMatchObject({ status: 401, body: { discord: 'OTQ...abc' } });
		expect(sim.log[3].query).toEqual({ jobid: '[REDACTED]', discord: 'OTQ...abc' });
		expect(Object.keys(sim.log[0])).toEqual([
			'seq',
			't',
			'method',
			'path',
			'query',
			'status',
			'body',
			'jobid',
		]);
		// jobs carry only the redacted form of the discord field
		expect([...sim.jobs.values()].map((j) => j.discord)).toEqual(['OTQ...abc', 'MTI...xyz']);
	});
});

describe('public API', () => {
	test('reset() forgets jobs, log, callbacks, faults, counters and channel errors', async () => {
		sim.setFaults({ force429: 3 });
		await imagine({ channel: CHANNEL, prompt: 'x' });
		sim.reset();
		expect(sim.log).toEqual([]);
		expect(sim.jobs.size).toBe(0);
		expect(sim.faults.force429).toBe(0);
		expect(sim.stats()).toMatchObject({ submitted: 0, responses: {}, jobs: 0 });
		expect((await imagine({ channel: CHANNEL, prompt: 'y' })).status).toBe(200);
		expect(sim.log[0].seq).toBe(1);
	});

	test('configure() changes the defaults of later jobs; close() clears every timer', async () => {
		const own = await startV2Simulator({ jobDurationMs: 5000 });
		expect(own.token).toBe('sim-v2-token');
		expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const post = (prompt, extra = {}) =>
			fetch(`${own.url}/v2/jobs/imagine`, {
				method: 'POST',
				headers: { authorization: `Bearer ${own.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ prompt, ...extra }),
			});
		const slow = await (await post('slow')).json();
		own.configure({ jobDurationMs: 30 });
		const fast = await (await post('fast')).json();
		// The fast job completes long before the slow one (5 s) could; no fixed sleep, so a busy
		// machine cannot fail this.
		while (own.jobs.get(fast.jobid).status !== 'completed') await wait(10);
		expect(own.jobs.get(slow.jobid).status).not.toBe('completed');
		expect(() => own.configure({ nope: 1 })).toThrow();
		await post('pending callback', { replyUrl: 'http://127.0.0.1:1/x' });
		expect(own.timers.size).toBeGreaterThan(0);
		await own.close();
		expect(own.timers.size).toBe(0);
	});
});
