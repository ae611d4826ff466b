import type { IDataObject } from 'n8n-workflow';

import { eventually } from '../../../test/helpers/simulatorSession';
import { useV1Simulator, V1_TOKEN } from './v1Session';

const session = useV1Simulator();

const imagine = (prompt: string, extra: IDataObject = {}) => ({
	operation: 'imagine',
	prompt,
	waitMode: 'poll',
	...extra,
});

describe('Midjourney /v1 API → Imagine, Poll', () => {
	it("names none of useapi.net's Discord-account notices in promptWarnings, but still the prompt check's", async () => {
		const result = await session.run(imagine('={{ $json.prompt }}', { simplify: true }), {
			items: [
				{ prompt: 'My test prompt 1 [[ms=60]]' },
				{ prompt: 'My test prompt 2 [[ms=60]]' },
				{ prompt: 'a fox --hdr [[ms=60]]' },
			],
		});
		expect(result.error).toBeUndefined();
		const warnings = result.items.map((item) => item.json.promptWarnings);
		expect(warnings).toEqual([undefined, undefined, [expect.stringMatching(/--hdr/)]]);
		expect(JSON.stringify(result.items)).not.toMatch(/useapi\.net|Discord/);
	});

	it('submits once with the typed parameters, reads until completed, and outputs the job with its images', async () => {
		const result = await session.run(
			imagine('a red fox [[ms=300]]', {
				parameters: { aspect_ratio: '16:9', stylize: 250, model_version: '6.1', quality: 0.5 },
			}),
		);
		expect(result.error).toBeUndefined();
		const posts = session.jobPosts();
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({
			prompt: 'a red fox [[ms=300]]',
			aspect_ratio: '16:9',
			stylize: 250,
			model_version: '6.1',
			quality: 0.5,
		});
		const [item] = result.items;
		// the full output is the job as the /v1 API returns it, plus the fields every API's output shares
		expect(item.json).toMatchObject({
			id: posts[0].jobId,
			jobid: posts[0].jobId,
			status: 'completed',
			type: 'imagine',
			progress: 100,
		});
		expect(item.json.imageUrls).toHaveLength(4);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(session.requests('GET', `/v1/jobs/${posts[0].jobId}`).length).toBeGreaterThan(0);
	});

	it('downloads the grid and the four images as binary', async () => {
		const result = await session.run(
			imagine('a blue fox [[ms=150]]', { download: 'gridAndSingles' }),
		);
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary ?? {};
		expect(Object.keys(binary).sort()).toEqual(['grid', 'image1', 'image2', 'image3', 'image4']);
		expect(binary.image1.mimeType).toBe('image/png');
	});

	it('simplified output uses the shared fields', async () => {
		const result = await session.run(imagine('simple [[ms=100]]', { simplify: true }));
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			[
				'buttons',
				'error',
				'imageUrls',
				'jobid',
				'progress',
				'prompt',
				'status',
				'verb',
				'videoUrls',
			].sort(),
		);
		expect(result.items[0].json).toMatchObject({
			status: 'completed',
			verb: 'imagine',
			prompt: 'simple [[ms=100]]',
			error: null,
		});
	});

	it('runs a batch at the default concurrency of 3, in input order, one POST per item', async () => {
		const prompts = Array.from({ length: 7 }, (_, i) => `batch ${i} [[ms=${150 + 40 * (i % 3)}]]`);
		const result = await session.run(imagine('={{ $json.prompt }}', { simplify: true }), {
			items: prompts.map((prompt) => ({ prompt })),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.prompt)).toEqual(prompts);
		expect(result.items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		expect(session.jobPosts()).toHaveLength(7);
		expect((session.sim.stats().maxConcurrent as number) <= 3).toBe(true);
		expect(session.sim.stats().submitResponses).toEqual({ 200: 7 });
	});

	it('cancels a job that outlives the Timeout, with POST /v1/jobs/{id}/cancel', async () => {
		const result = await session.run(imagine('slow [[ms=60000]]', { options: { timeout: 1 } }));
		const jobId = session.jobPosts()[0].jobId as string;
		expect(result.error?.message).toMatch(/did not finish within 1 s/);
		expect(result.error?.description).toMatch(/cancelled so its slot is free/);
		expect(session.requests('POST', `/v1/jobs/${jobId}/cancel`)).toHaveLength(1);
		expect(session.sim.jobs.get(jobId)?.status).toBe('cancelled');
	});

	it('a job that fails becomes an error item with Continue On Fail, the others complete', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}', { simplify: true }), {
			items: [{ prompt: 'fine [[ms=100]]' }, { prompt: 'broken [[failed]] [[ms=100]]' }],
			continueOnFail: true,
		});
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[1].json).toMatchObject({ status: 'failed' });
		expect(String(result.items[1].json.error)).toMatch(/generation_failed|failed/i);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('waits out a 429 and submits again (the API created nothing)', async () => {
		session.sim.setFaults({ force429: 1 });
		const result = await session.run(
			imagine('busy [[ms=100]]', {
				options: { busyRetryMinSeconds: 0.1, busyRetryMaxSeconds: 0.2 },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(session.jobPosts().map((p) => p.status)).toEqual([429, 200]);
	});

	it('a 502 after the POST is never submitted again, and says the job may exist', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('gateway [[ms=100]]'));
		expect(session.jobPosts()).toHaveLength(1);
		expect(result.error?.description).toMatch(/never paid for twice/);
		expect(result.error?.description).toMatch(/cannot list the jobs a request created/);
	});
});

describe("Midjourney /v1 API → Pause Until Callback and Don't Wait", () => {
	it('submits with webhook_url = the resume URL (webhook_type result), pauses, and resumes with the results', async () => {
		const paused = await session.run(
			imagine('={{ $json.prompt }}', { waitMode: 'webhook', simplify: true }),
			{
				items: [{ prompt: 'one [[ms=200]]' }, { prompt: 'two [[ms=300]]' }],
			},
		);
		expect(paused.status).toBe('waiting');
		const posts = session.jobPosts();
		expect(posts).toHaveLength(2);
		for (const post of posts) {
			expect(post.body?.webhook_type).toBe('result');
			expect(post.body?.webhook_url).toMatch(
				/^http:\/\/localhost:5678\/webhook-waiting\/exec-test\?signature=/,
			);
		}
		const callbackOf = (jobId: string) =>
			session.sim.callbacks.find((c) => c.jobId === jobId)?.body;
		await eventually(() => posts.every((p) => callbackOf(p.jobId as string) !== undefined));
		expect(await paused.resume(callbackOf(posts[0].jobId as string)!)).toEqual({});
		const resumed = await paused.resume(callbackOf(posts[1].jobId as string)!);
		const items = resumed.workflowData![0];
		expect(items.map((i) => i.json.jobid)).toEqual(posts.map((p) => p.jobId));
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		expect(session.jobPosts()).toHaveLength(2);
	});

	it("Don't Wait outputs the created job; a Webhook URL goes to the API as webhook_url", async () => {
		const result = await session.run(
			imagine('later [[ms=100]]', {
				waitMode: 'none',
				options: { replyUrl: 'https://n8n.example/webhook/abc/callback', replyLevel: 'all' },
			}),
		);
		const post = session.jobPosts()[0];
		expect(post.body).toMatchObject({
			webhook_url: 'https://n8n.example/webhook/abc/callback',
			webhook_type: 'progress',
		});
		expect(result.items[0].json).toMatchObject({ jobid: post.jobId, status: 'created' });
		expect(session.requests('GET', '/v1/jobs/')).toHaveLength(0);
	});
});

describe('Midjourney /v1 API → the other operations', () => {
	it('Upscale and Variations start from a completed grid', async () => {
		const parent = await session.completedImagine();
		const upscaled = await session.run({
			operation: 'upscale',
			jobId: parent,
			index: 2,
			waitMode: 'poll',
			download: 'gridAndSingles',
		});
		expect(upscaled.error).toBeUndefined();
		expect(session.jobPosts().at(-1)?.body).toEqual({ job_id: parent, index: 2 });
		expect(upscaled.items[0].json).toMatchObject({ type: 'upscale', status: 'completed' });
		expect(Object.keys(upscaled.items[0].binary ?? {})).toEqual(['image1']);

		const varied = await session.run({
			operation: 'variations',
			jobId: parent,
			index: 4,
			waitMode: 'poll',
			simplify: true,
		});
		expect(varied.items[0].json).toMatchObject({ verb: 'variation', status: 'completed' });
		expect(varied.items[0].json.imageUrls).toHaveLength(4);
	});

	it('Describe sends an image URL or the binary as base64, and lifts the prompts', async () => {
		const byUrl = await session.run({
			operation: 'describe',
			imageSource: 'url',
			imageUrl: 'https://example.com/cat.png',
			waitMode: 'poll',
		});
		expect(session.jobPosts()[0].body).toEqual({ image_url: 'https://example.com/cat.png' });
		expect(byUrl.items[0].json.prompts).toHaveLength(4);

		const png = Buffer.from(
			'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2b1d4f40000000049454e44ae426082',
			'hex',
		);
		const byFile = await session.run(
			{ operation: 'describe', imageSource: 'binary', binaryProperty: 'data', waitMode: 'poll' },
			{
				inputItems: [
					{
						json: {},
						binary: {
							data: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'x.png' },
						},
					},
				],
			},
		);
		expect(byFile.error).toBeUndefined();
		expect(session.jobPosts()[1].body).toEqual({ image_base64: png.toString('base64') });
	});

	it('Blend sends 2–5 images with the aspect ratio and prompt', async () => {
		const result = await session.run({
			operation: 'blend',
			images: {
				image: [
					{ source: 'url', url: 'https://example.com/a.png' },
					{ source: 'url', url: 'https://example.com/b.png' },
				],
			},
			aspectRatio: '3:2',
			prompt: 'dreamy',
			waitMode: 'poll',
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(session.jobPosts()[0].body).toEqual({
			images: [{ url: 'https://example.com/a.png' }, { url: 'https://example.com/b.png' }],
			aspect_ratio: '3:2',
			prompt: 'dreamy',
		});
		expect(result.items[0].json).toMatchObject({ verb: 'blend', status: 'completed' });
	});

	it('Get, List (paged, filtered) and Cancel', async () => {
		const parent = await session.completedImagine();
		const got = await session.run({ operation: 'get', jobId: parent });
		expect(got.items[0].json).toMatchObject({ id: parent, jobid: parent, status: 'completed' });
		// UUIDs are case-insensitive: one pasted in capitals reads the same job
		const shouted = await session.run({ operation: 'get', jobId: parent.toUpperCase() });
		expect(shouted.items[0].json).toMatchObject({ jobid: parent, status: 'completed' });

		for (let i = 0; i < 4; i++) await session.completedImagine();
		const listed = await session.run({ operation: 'list', status: 'completed', returnAll: true });
		expect(listed.items).toHaveLength(5);
		const limited = await session.run({ operation: 'list', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);

		const running = await session.run(imagine('to cancel [[ms=60000]]', { waitMode: 'none' }));
		const jobId = running.items[0].json.jobid as string;
		const cancelled = await session.run({ operation: 'cancel', jobId });
		expect(cancelled.items[0].json).toMatchObject({ id: jobId, status: 'cancelled' });
		const again = await session.run({ operation: 'cancel', jobId });
		expect(again.error?.message).toMatch(/rejected the request/);
		expect(again.error?.description).toMatch(/already finished/);
	});
});

describe('Midjourney /v1 API → bad input and API errors', () => {
	it.each([
		[{ operation: 'get', jobId: 'j123-not-a-uuid' }, /is not a \/v1 job ID/],
		[
			imagine('x', { parameters: { chaos: 150 } }),
			/Parameters → Chaos must be a whole number from 0 to 100/,
		],
		[
			imagine('x', { parameters: { aspect_ratio: '16x9' } }),
			/Parameters → Aspect Ratio must be two whole numbers/,
		],
		[imagine('x --s 5000'), /Prompt parameter/],
		[
			{
				operation: 'blend',
				images: { image: [{ source: 'url', url: 'https://example.com/a.png' }] },
				waitMode: 'poll',
			},
			/Blend needs 2 to 5 images/,
		],
		[
			{
				operation: 'upscale',
				jobId: '3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c',
				index: 7,
				waitMode: 'poll',
			},
			/Image must be a whole number from 1 to 4/,
		],
	])('refuses %j before any request', async (parameters, message) => {
		const result = await session.run(parameters as IDataObject);
		expect(result.error?.message).toMatch(message);
		expect(session.sim.log.filter((r) => r.path.startsWith('/v1/'))).toHaveLength(0);
	});

	it('a credential without a Base URL fails every item before any request, and says where to set it', async () => {
		const result = await session.run(imagine('a cat'), {
			baseUrl: '',
			items: [{}, {}],
			continueOnFail: true,
		});
		expect(session.sim.log).toEqual([]);
		expect(result.items.map((item) => item.json.error)).toEqual([
			'The Midjourney OpenAPI Profile API credential has no Base URL',
			'The Midjourney OpenAPI Profile API credential has no Base URL',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a wrong API key is a clear 401, and no key appears in the output or error', async () => {
		const result = await session.run(imagine('x'), { token: 'wrong-key-9c1e' });
		expect(result.error?.message).toMatch(/did not accept the API key/);
		expect(result.error?.description).toMatch(/Midjourney OpenAPI Profile API/);
		const everything = JSON.stringify({
			items: result.items,
			error: result.error,
			run: result.run.data,
		});
		expect(everything).not.toContain(V1_TOKEN);
		expect(everything).not.toContain('wrong-key-9c1e');
	});

	it("a blocked prompt is the API's 400 with its words and what to do", async () => {
		const result = await session.run(imagine('forbidden [[blocked]]'));
		expect(result.error?.message).toMatch(/rejected the request/);
		expect(result.error?.description).toMatch(/community guidelines/);
	});
});
