import type { IDataObject } from 'n8n-workflow';

import { eventually } from '../../../test/helpers/simulatorSession';
import { LEGNEXT_KEY, useLegnextSimulator } from './legnextSession';

const session = useLegnextSimulator();

const imagine = (prompt: string, extra: IDataObject = {}) => ({
	operation: 'imagine',
	prompt,
	waitMode: 'poll',
	options: { pollInterval: 0.2 },
	...extra,
});

describe('Midjourney (Legnext) → Imagine, Poll', () => {
	it('submits the prompt as text once, reads the job until completed, outputs the task with its images as binary', async () => {
		const result = await session.run(imagine('a red fox [[ms=200]] --ar 16:9'));
		expect(result.error).toBeUndefined();
		const posts = session.jobPosts();
		expect(posts.map((post) => [post.path, post.body])).toEqual([
			['/api/v1/diffusion', { text: 'a red fox [[ms=200]] --ar 16:9' }],
		]);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			job_id: posts[0].jobId,
			jobid: posts[0].jobId,
			task_type: 'diffusion',
			status: 'completed',
			meta: { usage: { type: 'point', frozen: 80, consume: 80 } },
		});
		expect(item.json.imageUrls).toHaveLength(4);
		expect(item.json.buttons).toEqual(
			expect.arrayContaining(['upscale 1', 'variation 4', 'reroll']),
		);
		// Result URLs expire: the files are in n8n by default
		expect(Object.keys(item.binary ?? {}).sort()).toEqual([
			'grid',
			'image1',
			'image2',
			'image3',
			'image4',
		]);
		expect(item.binary!.image1.mimeType).toBe('image/png');
		// the key goes to the API only, never to the CDN
		expect(session.sim.cdnLog.length).toBe(5);
		expect(session.sim.cdnLog.every((record) => !record.sentKey)).toBe(true);
		expect(session.reads().length).toBeGreaterThan(0);
	});

	it('the simplified output carries the points frozen and consumed (usage)', async () => {
		const result = await session.run(
			imagine('simple [[ms=100]]', { simplify: true, download: 'none' }),
		);
		expect(result.items[0].json).toMatchObject({
			status: 'completed',
			verb: 'diffusion',
			prompt: 'simple [[ms=100]]',
			usage: { type: 'point', frozen: 80, consume: 80 },
			error: null,
		});
		expect(result.items[0].binary).toBeUndefined();
	});

	it('prompt parameters are written as flags and checked before any request; Legnext rules included', async () => {
		const ok = await session.run(
			imagine('a cat [[ms=50]]', {
				download: 'none',
				promptParameters: { aspectRatio: '2:3', version: '7', speed: 'turbo' },
			}),
		);
		expect(ok.error).toBeUndefined();
		expect(session.jobPosts()[0].body).toEqual({ text: 'a cat [[ms=50]] --v 7 --ar 2:3 --turbo' });
		expect(ok.items[0].json).toMatchObject({ meta: { usage: { frozen: 160 } } });

		session.sim.reset();
		for (const [prompt, problem] of [
			['a cat --s 5000', /--s must be a whole number from 0 to 1000/],
			['a cat --v 5.2', /Legnext serves 6, 6.0, 6.1, 7, 7.0/],
			['a cat --video', /Video operations/],
		] as Array<[string, RegExp]>) {
			const refused = await session.run(imagine(prompt));
			expect([prompt, refused.error?.message]).toEqual([prompt, expect.stringMatching(problem)]);
			expect(refused.error?.description).toMatch(/Nothing was sent/);
		}
		expect(session.sim.log).toEqual([]);

		const warned = await session.run(
			imagine('a cat [[ms=50]] --v 8.1 --relax', { download: 'none' }),
		);
		expect(warned.items[0].json.promptWarnings).toEqual([
			expect.stringMatching(/V8/),
			expect.stringMatching(/--relax/),
		]);
	});

	it('a 30-item batch at 6 at a time, with 429s on the way: one job per item, in input order', async () => {
		session.sim.setFaults({ force429: 5, rate429: 0.2 });
		const prompts = Array.from({ length: 30 }, (_, i) => `batch ${i} [[ms=${120 + 30 * (i % 4)}]]`);
		const result = await session.run(
			imagine('={{ $json.prompt }}', {
				simplify: true,
				download: 'none',
				options: { pollInterval: 0.2, busyRetryMinSeconds: 0.05, busyRetryMaxSeconds: 0.2 },
			}),
			{ items: prompts.map((prompt) => ({ prompt })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.prompt)).toEqual(prompts);
		expect(result.items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		expect(result.items.every((i) => i.json.status === 'completed')).toBe(true);
		const accepted = session.acceptedPosts().map((post) => post.body?.text);
		expect(accepted.sort()).toEqual([...prompts].sort());
		expect(session.jobPosts().some((post) => post.status === 429)).toBe(true);
		expect(session.sim.stats().maxConcurrent).toBeLessThanOrEqual(6);
		expect(session.sim.tasks.size).toBe(30);
	});

	it('a batch over the account limit that Legnext queues (pending) is waited through, one job per item', async () => {
		session.sim.configure({ concurrency: 2, overLimit: 'queue' });
		try {
			const prompts = Array.from({ length: 6 }, (_, i) => `queued ${i} [[ms=100]]`);
			const result = await session.run(
				imagine('={{ $json.prompt }}', { simplify: true, download: 'none' }),
				{ items: prompts.map((prompt) => ({ prompt })) },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json.status)).toEqual(prompts.map(() => 'completed'));
			expect(session.jobPosts()).toHaveLength(6);
		} finally {
			session.sim.configure({ concurrency: 6, overLimit: '429' });
		}
	});
});

describe('Midjourney (Legnext) → waiting modes', () => {
	it("Don't Wait outputs the pending job at once; a Callback URL is sent as the task's callback", async () => {
		const result = await session.run(
			imagine('later [[ms=100]]', {
				waitMode: 'none',
				options: { replyUrl: 'https://n8n.example/webhook/abc/callback' },
			}),
		);
		const [post] = session.jobPosts();
		expect(post.body).toEqual({
			text: 'later [[ms=100]]',
			callback: 'https://n8n.example/webhook/abc/callback',
		});
		expect(result.items[0].json).toMatchObject({ jobid: post.jobId, status: 'pending' });
		expect(session.reads()).toHaveLength(0);
	});

	it('Pause Until Callback: the resume URL is the callback; forged or early callbacks keep it waiting; every callback is checked by a read', async () => {
		const paused = await session.run(
			imagine('={{ $json.prompt }}', { waitMode: 'webhook', simplify: true }),
			{
				items: [{ prompt: 'one [[ms=200]]' }, { prompt: 'two [[ms=1600]]' }],
			},
		);
		expect(paused.status).toBe('waiting');
		const posts = session.jobPosts();
		expect(posts).toHaveLength(2);
		for (const post of posts) {
			expect(post.body?.callback).toMatch(
				/^http:\/\/localhost:5678\/webhook-waiting\/exec-test\?signature=/,
			);
		}
		const finalOf = (jobId: string) =>
			session.sim.callbacks.find((c) => c.jobId === jobId && c.jobStatus === 'completed')?.body;
		await eventually(() => posts.every((p) => finalOf(p.jobId as string) !== undefined));

		// a forged "completed" for a job still running elsewhere, and an intermediate callback: ignored
		const early = session.sim.callbacks.find((c) => c.jobStatus === 'processing')!.body;
		expect(await paused.resume(early)).toEqual({});
		const forged = JSON.parse(JSON.stringify(finalOf(posts[0].jobId as string))) as IDataObject;
		(forged.data as IDataObject).job_id = '00000000-0000-4000-8000-000000000000';
		expect(await paused.resume(forged)).toEqual({});

		// Legnext's times are to the second: the job that ends over a second later resumes, the other waits
		expect(await paused.resume(finalOf(posts[0].jobId as string)!)).toEqual({});
		const resumed = await paused.resume(finalOf(posts[1].jobId as string)!);
		const items = resumed.workflowData![0];
		expect(items.map((i) => i.json.jobid)).toEqual(posts.map((p) => p.jobId));
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		// each job was read with the key (the callbacks of one execution share their reads of
		// final jobs, so the last callback may add none); the forged callback above shows that a
		// callback's body alone resumes nothing
		for (const post of posts) {
			expect(session.reads().some((r) => r.path.endsWith(post.jobId as string))).toBe(true);
		}
		expect(session.jobPosts()).toHaveLength(2);
	});

	it('at the Timeout a job keeps running (no cancel) and the error says it is charged', async () => {
		const result = await session.run(imagine('slow [[ms=60000]]', { options: { timeout: 1 } }));
		expect(result.error?.message).toMatch(/did not finish within 1 s/);
		expect(result.error?.description).toMatch(/keeps running/);
		expect(result.error?.description).toMatch(/points are charged when it completes/);
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.sim.log.every((r) => r.method !== 'DELETE' && !/cancel/.test(r.path))).toBe(
			true,
		);
	});
});

describe('Midjourney (Legnext) → errors', () => {
	it('a wrong key is a 401 that names the credential, and the key appears nowhere', async () => {
		const result = await session.run(imagine('a cat'), { token: 'wrong-key' });
		expect(result.error?.message).toMatch(/Legnext did not accept the API key/);
		expect(result.error?.description).toMatch(/Midjourney \(Legnext\) API/);
		expect(JSON.stringify(result.error)).not.toContain(LEGNEXT_KEY);
	});

	it('a balance too low is a 402 that says what the job costs', async () => {
		session.sim.setBalance({ points: 10, credits: 0 });
		const result = await session.run(imagine('a cat --turbo'));
		expect(result.error?.message).toMatch(/balance is too low/);
		expect(result.error?.description).toMatch(/costs about 160 points/);
		expect(result.error?.description).toMatch(/Nothing was created or charged/);
		expect(session.sim.tasks.size).toBe(0);
	});

	it("a feature not enabled for the account is the 403 with Legnext's words and what to do", async () => {
		const parent = await session.completedTask();
		const result = await session.run({
			operation: 'edit',
			jobId: parent,
			remixPrompt: 'a wide meadow',
			waitMode: 'poll',
		});
		expect(result.error?.message).toMatch(/whitelisted accounts/);
		expect(result.error?.description).toMatch(/upgrade the plan or contact Legnext support/);
		expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('403');
	});

	it('a job that fails is an error with its code and message; with Continue On Fail the others complete', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}', { download: 'none' }), {
			items: [{ prompt: 'fine [[ms=80]]' }, { prompt: 'doomed [[failed]] [[ms=80]]' }],
			continueOnFail: true,
		});
		expect(result.items[0].json.status).toBe('completed');
		expect(String(result.items[1].json.error)).toMatch(/failed/);
		expect(JSON.stringify(result.items[1].json)).toMatch(/code 500/);
	});

	it('a 5xx after the POST is never submitted again, and says what to check', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a vanishing boat'));
		expect(result.error?.description).toMatch(/does not submit again/);
		expect(result.error?.description).toMatch(/task history on legnext\.ai/);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('a lost answer of an accepted submit is never sent again', async () => {
		session.sim.setFaults({ submitAnswers: ['cut'] });
		const result = await session.run(imagine('a cut answer [[ms=50]]'));
		expect(result.error?.message).toMatch(/ended before it confirmed the job/);
		expect(result.error?.description).toMatch(/cannot list the jobs/);
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.sim.tasks.size).toBe(1);
	});
});

describe("Midjourney (Legnext) → n8n's Retry On Fail", () => {
	const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

	it('one item fails, n8n runs the node three times: each item is still one job', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}', { download: 'none' }), {
			items: [
				{ prompt: 'a fine harbour [[ms=80]]' },
				{ prompt: 'a doomed harbour [[failed]] [[ms=80]]' },
			],
			nodeSettings: RETRY,
		});
		expect(result.error).toBeDefined();
		const texts = session.acceptedPosts().map((post) => post.body?.text);
		expect(texts.sort()).toEqual([
			'a doomed harbour [[failed]] [[ms=80]]',
			'a fine harbour [[ms=80]]',
		]);
		expect(session.sim.tasks.size).toBe(2);
	});

	it('a lost submit is looked for on every try and never POSTed again', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a vanishing harbour'), { nodeSettings: RETRY });
		expect(result.error?.description).toMatch(/does not submit/);
		expect(session.jobPosts()).toHaveLength(1);
	});
});

describe('Midjourney (Legnext) as an AI Agent tool', () => {
	it('answers with the compact tool answer: job id, status, image URLs, points; no binary', async () => {
		const result = await session.run(imagine('a red fox in snow [[ms=80]]'), { asTool: true });
		expect(result.error?.message).toBeUndefined();
		const [json] = result.items.map((item) => item.json);
		expect(json).toMatchObject({
			jobid: session.jobPosts()[0].jobId,
			status: 'completed',
			prompt: 'a red fox in snow [[ms=80]]',
			usage: { consume: 80 },
		});
		expect(json.imageUrls).toHaveLength(4);
		expect(json.buttons).toEqual(expect.arrayContaining(['upscale 1', 'reroll']));
		expect(json.next).toMatch(/the operation the button names/);
		expect(result.items[0].binary).toBeUndefined();
		expect(JSON.stringify(json).length).toBeLessThanOrEqual(1500);
		expect(JSON.stringify(json)).not.toContain(LEGNEXT_KEY);
	});
});
