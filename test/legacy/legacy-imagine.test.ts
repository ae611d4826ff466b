import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MidjourneyLegacy } from '../../nodes/Midjourney/MidjourneyLegacy.node';
import { progressOf, toJob } from '../../nodes/Midjourney/apis/useapiV2/toJob';
// The simulator is plain JavaScript so it can also run standalone.
import { startV2Simulator } from '../../tools/simulator-v2';
import { runNode } from '../../tools/harness/runNode';
import { eventually, everythingVisible } from '../helpers/simulatorSession';
import type { V2Simulator } from './legacySession';
import { useV2Simulator, V2_CHANNEL, V2_TOKEN } from './legacySession';

const session = useV2Simulator();

const imagine = (prompt: string, extra: IDataObject = {}) => ({
	operation: 'imagine',
	prompt,
	...extra,
});

const QUICK_BUSY_RETRY = { busyRetryMinSeconds: 0.1, busyRetryMaxSeconds: 0.2 };

describe('Midjourney v2 (Legacy) → Imagine, Poll', () => {
	it('is the default: submits once, reads GET /v2/jobs/?jobid= until completed, outputs the v2 job with the shared fields', async () => {
		const result = await session.run(imagine('a red fox [[ms=300]] --ar 16:9'));
		expect(result.error).toBeUndefined();
		const posts = session.jobPosts();
		expect(posts).toHaveLength(1);
		// nothing but the prompt: no discord, server or channel (useapi.net picks the account)
		expect(posts[0].body).toEqual({ prompt: 'a red fox [[ms=300]] --ar 16:9' });
		const jobid = posts[0].jobid as string;
		expect(session.reads(jobid).length).toBeGreaterThan(0);

		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		// the v2 job as the API returns it …
		expect(item.json).toMatchObject({
			jobid,
			verb: 'imagine',
			status: 'completed',
			prompt: 'a red fox [[ms=300]] --ar 16:9',
			channel: V2_CHANNEL,
			discord: 'MTI...xyz',
			code: 200,
		});
		expect(item.json.content).toMatch(/\(fast\)$/);
		const attachments = item.json.attachments as IDataObject[];
		expect(attachments).toHaveLength(1);
		// … plus the fields every API's output shares: a v2 job has a grid and no single images
		expect(item.json).toMatchObject({
			progress: 100,
			imageUrls: [],
			videoUrls: [],
			buttons: ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4'],
			gridUrl: attachments[0].url,
		});
	});

	it('downloads the grid (the one Discord attachment) into the chosen binary field', async () => {
		const result = await session.run(
			imagine('a blue fox [[ms=100]]', {
				waitMode: 'poll',
				download: 'grid',
				binaryPropertyOutput: 'gridImage',
				simplify: true,
			}),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['gridImage']);
		expect(item.binary!.gridImage.mimeType).toBe('image/png');
		expect(item.binary!.gridImage.fileName).toMatch(/^j\d+i-grid\.png$/);
		expect(Object.keys(item.json).sort()).toEqual(
			[
				'buttons',
				'error',
				'gridUrl',
				'imageUrls',
				'jobid',
				'progress',
				'prompt',
				'status',
				'verb',
				'videoUrls',
			].sort(),
		);
		expect(item.json).toMatchObject({ status: 'completed', verb: 'imagine', error: null });
		expect(String(item.json.gridUrl)).toContain('/cdn.discordapp.com/attachments/');
	});

	it('runs a batch of 5 at the default concurrency of 3, in input order, one POST per item', async () => {
		const prompts = Array.from({ length: 5 }, (_, i) => `batch ${i} [[ms=${200 + 50 * (i % 3)}]]`);
		const result = await session.run(imagine('={{ $json.prompt }}', { simplify: true }), {
			items: prompts.map((prompt) => ({ prompt })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.prompt)).toEqual(prompts);
		expect(result.items.map((i) => i.json.status)).toEqual(Array(5).fill('completed'));
		expect(result.items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		expect(session.jobPosts().map((p) => p.body?.prompt)).toHaveLength(5);
		expect(new Set(session.jobPosts().map((p) => p.body?.prompt)).size).toBe(5);
		const stats = session.sim.stats();
		expect(stats.maxConcurrent[V2_CHANNEL]).toBe(3);
		expect(stats.responses).toEqual({ 200: 5 });
	});

	it('sends Max Jobs, Channel ID and Reply Reference as maxJobs, channel and replyRef; Max Jobs sets the concurrency', async () => {
		const prompts = ['one [[ms=150]]', 'two [[ms=150]]', 'three [[ms=150]]'];
		const result = await session.run(
			imagine('={{ $json.prompt }}', {
				options: { maxJobs: 2, channel: V2_CHANNEL, replyRef: 'order-42' },
			}),
			{ items: prompts.map((prompt) => ({ prompt })) },
		);
		expect(result.error).toBeUndefined();
		for (const post of session.jobPosts()) {
			expect(post.body).toEqual({
				prompt: post.body?.prompt,
				maxJobs: 2,
				channel: V2_CHANNEL,
				replyRef: 'order-42',
			});
		}
		expect(session.sim.stats().maxConcurrent[V2_CHANNEL]).toBe(2);
		expect(session.sim.stats().responses).toEqual({ 200: 3 });
		expect(result.items.map((i) => i.json.replyRef)).toEqual(Array(3).fill('order-42'));
		expect(result.items.map((i) => i.json.maxJobs)).toEqual([2, 2, 2]);
	});

	it('waits out a 429 (Discord rate limit, then the account full at maxJobs) and submits again', async () => {
		session.sim.setFaults({ force429: 1 });
		const result = await session.run(
			imagine('={{ $json.prompt }}', {
				simplify: true,
				// two lanes for an account that runs one job: the second is refused until the first ends
				options: { maxJobs: 1, maxConcurrentJobs: 2, ...QUICK_BUSY_RETRY },
			}),
			{ items: [{ prompt: 'busy a [[ms=300]]' }, { prompt: 'busy b [[ms=300]]' }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		const statuses = session.jobPosts().map((p) => p.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(2);
		// The first 429 came while the other item's job ran: the node waits for that job to end
		// (SlotPace) rather than asking the full account again, so there may be no second 429.
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
		expect(session.sim.stats().maxConcurrent[V2_CHANNEL]).toBe(1);
	});

	it('Timeout: v2 cannot cancel, so the error says the job keeps running, and no cancel is attempted', async () => {
		const result = await session.run(imagine('slow [[ms=60000]]', { options: { timeout: 1 } }));
		const jobid = session.jobPosts()[0].jobid as string;
		expect(result.error?.message).toMatch(/did not finish within 1 s/);
		expect(result.error?.description).toMatch(
			new RegExp(`Job ${jobid} keeps running: this API cannot cancel a job`),
		);
		const notReads = session
			.apiRequests()
			.filter((r) => !(r.method === 'GET' && r.path === '/v2/jobs'));
		expect(notReads).toEqual([
			expect.objectContaining({ method: 'POST', path: '/v2/jobs/imagine' }),
		]);
		expect(session.sim.log.filter((r) => r.method === 'DELETE' || /cancel/i.test(r.path))).toEqual(
			[],
		);
		expect(['started', 'progress']).toContain(session.sim.jobs.get(jobid)?.status);
	});

	it('a stopped execution sends no cancel either: the job is left to run', async () => {
		const result = await session.run(imagine('stopped [[ms=60000]]'), { cancelAfterMs: 400 });
		expect(result.status).toBe('canceled');
		const jobid = session.jobPosts()[0].jobid as string;
		// the one submit, then reads: nothing that cancels
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.apiRequests().filter((r) => r.method !== 'GET')).toHaveLength(1);
		expect(['started', 'progress']).toContain(session.sim.jobs.get(jobid)?.status);
	});
});

describe('Midjourney v2 (Legacy) → failed, moderated and refused jobs', () => {
	it('failed and moderated jobs become error items with Continue On Fail, paired with their input', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}', { simplify: true }), {
			items: [
				{ prompt: 'fine [[ms=100]]' },
				{ prompt: 'broken [[failed]] [[ms=100]]' },
				{ prompt: 'edgy [[moderated]] [[ms=100]]' },
			],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[1].json).toMatchObject({ status: 'failed' });
		expect(String(result.items[1].json.error)).toMatch(/failed \(Job failed: Midjourney reported/);
		expect(result.items[2].json).toMatchObject({ status: 'moderated' });
		expect(String(result.items[2].json.error)).toMatch(/moderated job .*Action needed to continue/);
		expect(String(result.items[2].json.errorDescription)).toMatch(/community guidelines/);
		expect(session.jobPosts()).toHaveLength(3);
	});

	it("a prompt refused at submit (422 moderated) is the API's words and what to do, never resubmitted", async () => {
		const result = await session.run(imagine('refused [[reject]]'));
		expect(result.error?.message).toMatch(
			/Midjourney moderated the request: Action needed to continue/,
		);
		expect(result.error?.description).toMatch(/AI moderators/);
		expect(result.error?.description).toMatch(/community guidelines/);
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.reads()).toHaveLength(0);
	});

	it('a queued job (504) is never submitted again', async () => {
		const result = await session.run(imagine('queued [[504]]'));
		expect(result.error?.message).toMatch(/queued the job instead of running it: Job queued/);
		expect(result.error?.description).toMatch(/never paid for twice/);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('a pending moderation message (596) says how to clear it, for its channel', async () => {
		const result = await session.run(imagine('locked [[596]]'));
		expect(result.error?.message).toMatch(/pending moderation message/);
		expect(result.error?.description).toContain(
			`POST https://api.useapi.net/v2/account/midjourney/${V2_CHANNEL}/reset`,
		);
		const again = await session.run(imagine('after the lock'));
		expect(again.error?.description).toContain(`/v2/account/midjourney/${V2_CHANNEL}/reset`);
		expect(session.jobPosts()).toHaveLength(2);
	});

	it('a wrong token is a clear 401; neither token appears in any output or error', async () => {
		const wrong = ['wrong', 'token', '3c1f'].join('-');
		const failed = await session.run(imagine('x'), { token: wrong });
		expect(failed.error?.message).toMatch(/did not accept the API token/);
		expect(failed.error?.description).toMatch(/useapi\.net API/);
		const fine = await session.run(imagine('y [[ms=80]]'), {
			items: [{}, {}],
			continueOnFail: true,
		});
		for (const result of [failed, fine]) {
			const visible = everythingVisible(result);
			expect(visible).not.toContain(V2_TOKEN);
			expect(visible).not.toContain(wrong);
		}
	});

	it('with no account configured at useapi.net, the 400 says to configure one (the node sends no Discord token)', async () => {
		const bare = (await startV2Simulator({
			port: 0,
			token: V2_TOKEN,
			accounts: [],
		})) as V2Simulator;
		try {
			const result = await runNode({
				node: 'midjourneyLegacy',
				parameters: { resource: 'job', ...imagine('nobody') },
				credentials: { apiToken: V2_TOKEN, baseUrl: bare.url },
			});
			expect(result.error?.message).toMatch(
				/rejected the request: prompt, discord, server or channel/,
			);
			expect(result.error?.description).toMatch(
				/No Midjourney account is configured for the v2 API/,
			);
		} finally {
			await bare.close();
		}
	});
});

describe("Midjourney v2 (Legacy) → Pause Until Callback and Don't Wait", () => {
	it('submits with replyUrl = the resume URL, pauses, and resumes with the callback bodies', async () => {
		const paused = await session.run(
			imagine('={{ $json.prompt }}', { waitMode: 'webhook', simplify: true }),
			{ items: [{ prompt: 'one [[ms=150]]' }, { prompt: 'two [[ms=250]]' }] },
		);
		expect(paused.status).toBe('waiting');
		const posts = session.jobPosts();
		expect(posts).toHaveLength(2);
		for (const post of posts) {
			expect(Object.keys(post.body ?? {}).sort()).toEqual(['prompt', 'replyUrl']);
			expect(post.body?.replyUrl).toMatch(
				/^http:\/\/localhost:5678\/webhook-waiting\/exec-test\?signature=/,
			);
		}
		const callbackOf = (jobid: string) => session.sim.callbacks.find((c) => c.jobid === jobid);
		await eventually(() => posts.every((p) => callbackOf(p.jobid as string) !== undefined));
		const [first, second] = posts.map((p) => callbackOf(p.jobid as string)!.body);
		expect(first.jobid).toBe(posts[0].jobid);
		// the first to arrive keeps the execution waiting; the last one resumes it
		expect(await paused.resume(first)).toEqual({});
		const resumed = await paused.resume(second);
		const items = resumed.workflowData![0];
		expect(items.map((i) => i.json.jobid)).toEqual(posts.map((p) => p.jobid));
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(session.jobPosts()).toHaveLength(2);
	});

	it("Don't Wait outputs the started job; a Reply URL goes to the API as replyUrl", async () => {
		const result = await session.run(
			imagine('later [[ms=100]]', {
				waitMode: 'none',
				options: { replyUrl: 'https://n8n.example/webhook/abc/callback' },
			}),
		);
		const post = session.jobPosts()[0];
		expect(post.body).toEqual({
			prompt: 'later [[ms=100]]',
			replyUrl: 'https://n8n.example/webhook/abc/callback',
		});
		expect(result.items[0].json).toMatchObject({
			jobid: post.jobid,
			status: 'started',
			progress: 0,
			replyUrl: 'https://n8n.example/webhook/abc/callback',
		});
		expect(result.items[0].binary).toBeUndefined();
		expect(session.reads()).toHaveLength(0);
	});
});

describe('Midjourney v2 (Legacy) → Get', () => {
	it('reads a job by id with GET /v2/jobs/?jobid=; an unknown id is a 404 that says what to check', async () => {
		const jobid = await session.completedJob();
		const got = await session.run({ operation: 'get', jobId: jobid });
		expect(got.error).toBeUndefined();
		expect(got.items[0].json).toMatchObject({ jobid, status: 'completed', progress: 100 });
		expect(got.items[0].json.gridUrl).toMatch(/cdn\.discordapp\.com/);
		expect(session.reads(jobid).at(-1)?.status).toBe(200);

		const unknown = jobid.replace(/^j\d{4}/, 'j0101');
		const missing = await session.run({ operation: 'get', jobId: unknown });
		expect(missing.error?.message).toMatch(/Not found: Unable to locate jobid/);
		expect(missing.error?.description).toMatch(/check the Job ID/);
	});
});

describe('Midjourney v2 (Legacy) → bad input and the node itself', () => {
	it.each([
		['an empty prompt', imagine('   '), /Prompt is empty/],
		[
			'a prompt over 2048 characters',
			imagine('x'.repeat(2049)),
			/Prompt is too long \(2049 characters, the limit is 2048\)/,
		],
		['a flag Midjourney refuses', imagine('a cat --s 5000'), /Prompt parameter/],
		[
			'a Reply Reference over 1024 characters',
			imagine('x', { options: { replyRef: 'r'.repeat(1025) } }),
			/Reply Reference is too long/,
		],
		[
			'a Reply URL that is no URL',
			imagine('x', { options: { replyUrl: 'not a url' } }),
			/Reply URL is not a valid URL/,
		],
		[
			'Max Jobs above 15',
			imagine('x', { options: { maxJobs: 16 } }),
			/Max Jobs must be a whole number from 1 to 15/,
		],
		[
			'a Channel ID that is not digits',
			imagine('x', { options: { channel: 'general' } }),
			/Channel must be a Discord channel ID/,
		],
		[
			'a Reply URL with Pause Until Callback',
			imagine('x', { waitMode: 'webhook', options: { replyUrl: 'https://example.com/hook' } }),
			/Reply URL cannot be set with Pause Until Callback/,
		],
		['a Job ID with spaces', { operation: 'get', jobId: 'not an id' }, /is not a job ID/],
	])('refuses %s before any request', async (_label, parameters, message) => {
		const result = await session.run(parameters as IDataObject);
		expect(result.error?.message).toMatch(message);
		expect(session.apiRequests()).toHaveLength(0);
	});

	it('a bad item 3 stops the batch before items 1 and 2 are submitted', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'fine' }, { prompt: 'fine too' }, { prompt: 'x --s 5000' }],
		});
		expect(result.error?.message).toMatch(/Prompt parameter/);
		expect(session.apiRequests()).toHaveLength(0);
	});

	it('offers no Discord token or server parameter, says why, and waits by Poll, callback or not at all', () => {
		const { description } = new MidjourneyLegacy();
		expect(description).toMatchObject({
			displayName: 'Midjourney v2 (Legacy)',
			name: 'midjourneyLegacy',
			credentials: [{ name: 'useApiMidjourneyApi', required: true }],
		});
		expect(description.description).toMatch(/legacy.*v2.*MidjourneyV3/i);
		const names: string[] = [];
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				names.push(property.name);
				walk((property.options ?? []).filter((o): o is INodeProperties => 'displayName' in o));
			}
		};
		walk(description.properties);
		expect(names).not.toContain('discord');
		expect(names).not.toContain('server');
		expect(names).toEqual(expect.arrayContaining(['maxJobs', 'channel', 'replyUrl', 'replyRef']));
		const notice = description.properties.find((p) => p.type === 'notice');
		expect(notice?.displayName).toMatch(/never sends a Discord token or server/);
		const waitMode = description.properties.find((p) => p.name === 'waitMode');
		expect(waitMode?.default).toBe('poll');
		expect((waitMode?.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'poll',
			'webhook',
			'none',
		]);
	});
});

describe("Midjourney v2 (Legacy) → the v2 job in the engine's words", () => {
	it.each([
		['started', {}, 'started'],
		['progress', {}, 'progress'],
		['completed', {}, 'completed'],
		['failed', { error: 'Job queued', code: 504 }, 'failed'],
		['moderated', { error: 'Action needed to continue', code: 422 }, 'moderated'],
		['cancelled', {}, 'failed'],
		['something new', {}, 'started'],
	])('status %s maps to the engine status', (status, extra, expected) => {
		const job = toJob({ jobid: 'j1', status, ...extra });
		expect(job?.status).toBe(expected);
		expect(job?.source).toEqual({ jobid: 'j1', status, ...extra });
	});

	it('reads progress from the message after the prompt, and refuses what is not a job', () => {
		expect(progressOf('**a cat (10%)** - <@1> (50%) (fast)')).toBe(50);
		expect(progressOf('**a cat** - <@1> (Waiting to start)')).toBeUndefined();
		expect(
			toJob({ jobid: 'j1', status: 'progress', content: '**x** - <@1> (75%) (fast)' })?.response,
		).toEqual({ content: '**x** - <@1> (75%) (fast)', progress_percent: 75 });
		expect(toJob({ error: 'Maximum of 3 jobs executing in parallel supported', code: 429 })).toBe(
			undefined,
		);
	});
});
