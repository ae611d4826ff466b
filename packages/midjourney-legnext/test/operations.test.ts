import type { IDataObject } from 'n8n-workflow';

import { useLegnextSimulator } from './legnextSession';
// A PNG encoder for test masks; it needs node:zlib, which package code (tests included) may not import.
import { maskPng } from '../../../test/legnext/maskPng';

const session = useLegnextSimulator();

const poll = { waitMode: 'poll', options: { pollInterval: 0.2 } };

async function runOn(parameters: IDataObject) {
	return await session.run({ ...poll, ...parameters });
}

/** The task-creating POST the node sent (path and body). */
function sent() {
	return session.jobPosts().map((post) => [post.path, post.body]);
}

describe('Midjourney (Legnext) → image follow-ups, each checked against the parent before any request', () => {
	let parent: string;
	beforeEach(async () => {
		parent = await session.completedTask();
		session.sim.log.length = 0;
	});

	it.each([
		['upscale', { imageNo: 2, type: 1 }, { imageNo: 2, type: 1 }, ['image1']],
		[
			'variation',
			{ imageNo: 1, type: 1, remixPrompt: 'a calmer sea' },
			{ imageNo: 1, type: 1, remixPrompt: 'a calmer sea' },
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
		['reroll', {}, {}, ['grid', 'image1', 'image2', 'image3', 'image4']],
		[
			'pan',
			{ imageNo: 3, direction: 3, scale: 2.5 },
			{ imageNo: 3, direction: 3, scale: 2.5 },
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
		[
			'outpaint',
			{ imageNo: 0, scale: 2 },
			{ imageNo: 0, scale: 2 },
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
		[
			'inpaint',
			{ maskSource: 'url', maskUrl: 'https://example.com/mask.png', remixPrompt: 'a red door' },
			{ imageNo: 0, mask: { url: 'https://example.com/mask.png' }, remixPrompt: 'a red door' },
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
		[
			'inpaint',
			{ maskAreas: '[{"width":1024,"height":1024,"points":[0,0,500,0,500,500]}]' },
			{
				imageNo: 0,
				mask: { areas: [{ width: 1024, height: 1024, points: [0, 0, 500, 0, 500, 500] }] },
			},
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
		[
			'remix',
			{ imageNo: 1, remixPrompt: 'in winter', mode: 1 },
			{ imageNo: 1, remixPrompt: 'in winter', mode: 1 },
			['grid', 'image1', 'image2', 'image3', 'image4'],
		],
	] as Array<[string, IDataObject, IDataObject, string[]]>)(
		'%s sends jobId and its fields, and stores its result as binary',
		async (operation, fields, body, files) => {
			const result = await runOn({ operation, jobId: parent, ...fields });
			expect(result.error?.message).toBeUndefined();
			expect(sent()).toEqual([[`/api/v1/${operation}`, { jobId: parent, ...body }]]);
			expect(session.reads().filter((r) => r.path.endsWith(parent))).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ status: 'completed', task_type: operation });
			expect(Object.keys(result.items[0].binary ?? {}).sort()).toEqual(files);
		},
	);

	it('Inpaint with a binary mask sends the rectangles of its white part, checked before any request', async () => {
		const mask = maskPng(1024, 1024, (x, y) => x >= 512 && y >= 256 && y < 768);
		const withMask = (bytes: Buffer) => [
			{
				json: {},
				binary: {
					mask: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'mask.png' },
				},
			},
		];
		const result = await session.run(
			{
				...poll,
				operation: 'inpaint',
				jobId: parent,
				imageNo: 1,
				maskSource: 'binary',
				download: 'none',
			},
			{ inputItems: withMask(mask) },
		);
		expect(result.error?.message).toBeUndefined();
		expect(sent()).toEqual([
			[
				'/api/v1/inpaint',
				{
					jobId: parent,
					imageNo: 1,
					mask: {
						areas: [
							{ width: 1024, height: 1024, points: [512, 256, 1024, 256, 1024, 768, 512, 768] },
						],
					},
				},
			],
		]);

		session.sim.log.length = 0;
		const blank = await session.run(
			{ ...poll, operation: 'inpaint', jobId: parent, maskSource: 'binary' },
			{ inputItems: withMask(maskPng(1024, 1024, () => false)) },
		);
		expect(blank.error?.message).toBe(
			'The mask in "mask" cannot be used: it has no white region to repaint',
		);
		const missing = await session.run({
			...poll,
			operation: 'inpaint',
			jobId: parent,
			maskSource: 'binary',
		});
		expect(missing.error?.message).toMatch(/Inpaint needs a mask image/);
		expect(session.sim.log).toEqual([]);
	});

	it('Edit, on an account where Legnext enables it, sends the canvas and the image position', async () => {
		session.sim.configure({ disabledFeatures: [] });
		try {
			const result = await runOn({
				operation: 'edit',
				jobId: parent,
				imageNo: 2,
				canvasWidth: 2048,
				canvasHeight: 1024,
				imageWidth: 1024,
				imageHeight: 1024,
				imageX: 512,
				imageY: 0,
				remixPrompt: 'a wide beach',
			});
			expect(result.error?.message).toBeUndefined();
			expect(sent()).toEqual([
				[
					'/api/v1/edit',
					{
						jobId: parent,
						imageNo: 2,
						canvas: { width: 2048, height: 1024 },
						imgPos: { width: 1024, height: 1024, x: 512, y: 0 },
						remixPrompt: 'a wide beach',
					},
				],
			]);
		} finally {
			session.sim.configure({ disabledFeatures: ['edit'] });
		}
	});

	it('a follow-up the parent does not offer is refused with what it offers; nothing is sent', async () => {
		const upscaled = await session.completedTask('/api/v1/upscale', {
			jobId: parent,
			imageNo: 0,
			type: 0,
		});
		session.sim.log.length = 0;
		const result = await runOn({ operation: 'variation', jobId: upscaled, imageNo: 0 });
		expect(result.error?.message).toBe(`Job ${upscaled} does not offer Variation on image 1`);
		expect(result.error?.description).toMatch(/allow no follow-up/);
		expect(result.error?.description).toMatch(/Nothing was sent or charged/);
		expect(session.jobPosts()).toEqual([]);
	});

	it('a parent still running is refused before any request', async () => {
		const running = await session.run({
			operation: 'imagine',
			prompt: 'slow [[ms=5000]]',
			waitMode: 'none',
		});
		const jobId = String(running.items[0].json.jobid);
		session.sim.log.length = 0;
		const result = await runOn({ operation: 'upscale', jobId, imageNo: 0 });
		expect(result.error?.message).toMatch(/is (pending|staged|processing), not completed/);
		expect(session.jobPosts()).toEqual([]);
	});

	it('ten follow-ups on one parent read it once', async () => {
		session.sim.log.length = 0;
		const batch = await session.run(
			{
				...poll,
				operation: 'upscale',
				jobId: parent,
				imageNo: '={{ $json.n }}',
				download: 'none',
				simplify: true,
			},
			{ items: Array.from({ length: 10 }, (_, i) => ({ n: i % 4 })) },
		);
		expect(batch.error).toBeUndefined();
		expect(batch.items).toHaveLength(10);
		expect(session.reads().filter((r) => r.path.endsWith(parent))).toHaveLength(1);
		expect(session.jobPosts()).toHaveLength(10);
	});

	it('bad follow-up input is refused before any request', async () => {
		for (const [fields, problem] of [
			[{ operation: 'pan', scale: 3.5 }, /Scale must be a number from 1.1 to 3/],
			[{ operation: 'outpaint', scale: 2.5 }, /Scale must be a number from 1.1 to 2/],
			[{ operation: 'remix', remixPrompt: '  ' }, /Prompt is empty/],
			[
				{ operation: 'inpaint', maskAreas: '[{"width":100,"height":100,"points":[0,0,1,1,2,2]}]' },
				/width must be a whole number from 500 to 4096/,
			],
			[{ operation: 'inpaint', maskSource: 'url', maskUrl: '' }, /Inpaint needs a mask/],
			[{ operation: 'upscale', jobId: 'not-a-uuid' }, /is not a Legnext job ID/],
		] as Array<[IDataObject, RegExp]>) {
			const result = await runOn({ jobId: parent, ...fields });
			expect([fields, result.error?.message]).toEqual([fields, expect.stringMatching(problem)]);
		}
		expect(session.sim.log).toEqual([]);
	});
});

describe('Midjourney (Legnext) → blend, describe, shorten', () => {
	it('Blend sends 2–5 URLs with the aspect ratio', async () => {
		const urls = [
			'https://example.com/a.png',
			'https://example.com/b.png',
			'https://example.com/c.png',
		];
		const result = await runOn({
			operation: 'blend',
			imageUrls: urls.join('\n'),
			aspectRatio: '3:2',
		});
		expect(result.error?.message).toBeUndefined();
		expect(sent()).toEqual([['/api/v1/blend', { imgUrls: urls, aspect_ratio: '3:2' }]]);
		expect(Object.keys(result.items[0].binary ?? {})).toContain('grid');

		const one = await runOn({ operation: 'blend', imageUrls: urls[0] });
		expect(one.error?.message).toMatch(/Blend needs 2 to 5 image URLs \(got 1\)/);
	});

	it('Describe and Shorten lift the prompts out of the task', async () => {
		const described = await runOn({
			operation: 'describe',
			imageUrl: 'https://example.com/a.png',
			simplify: true,
		});
		expect(described.error?.message).toBeUndefined();
		expect(described.items[0].json.prompts).toHaveLength(4);
		expect(described.items[0].json.usage).toMatchObject({ consume: 20 });
		const shortened = await runOn({
			operation: 'shorten',
			prompt: 'a very long and winding prompt about a harbour at dawn',
		});
		expect(shortened.items[0].json.prompts).toHaveLength(5);
		expect(sent()).toEqual([
			['/api/v1/describe', { imgUrl: 'https://example.com/a.png' }],
			['/api/v1/shorten', { prompt: 'a very long and winding prompt about a harbour at dawn' }],
		]);
	});
});

describe('Midjourney (Legnext) → video', () => {
	it('Animate an image of a job, Extend a video, Upscale a video: each stored as binary video', async () => {
		const parent = await session.completedTask();
		session.sim.log.length = 0;
		const animated = await session.run({
			...poll,
			resource: 'video',
			operation: 'animate',
			jobId: parent,
			imageNo: 1,
			prompt: 'waves roll',
			videoType: 1,
		});
		expect(animated.error?.message).toBeUndefined();
		const videoJob = String(animated.items[0].json.jobid);
		expect(Object.keys(animated.items[0].binary ?? {}).sort()).toEqual([
			'video1',
			'video2',
			'video3',
			'video4',
		]);
		expect(animated.items[0].binary!.video1.mimeType).toBe('video/mp4');
		expect(animated.items[0].json).toMatchObject({ meta: { usage: { consume: 1536 } } });

		const extended = await session.run({
			...poll,
			resource: 'video',
			operation: 'extend',
			jobId: videoJob,
			videoNo: 2,
		});
		expect(extended.error?.message).toBeUndefined();
		const upscaled = await session.run({
			...poll,
			resource: 'video',
			operation: 'upscale',
			jobId: videoJob,
			videoNo: 0,
		});
		expect(upscaled.error?.message).toBeUndefined();
		expect(Object.keys(upscaled.items[0].binary ?? {})).toEqual(['video1']);
		expect(sent()).toEqual([
			[
				'/api/v1/video-diffusion',
				{ jobId: parent, imageNo: 1, videoType: 1, prompt: 'waves roll' },
			],
			['/api/v1/extend-video', { jobId: videoJob, videoNo: 2 }],
			['/api/v1/video-upscale', { jobId: videoJob, videoNo: 0 }],
		]);

		// Grid Only on a job without a grid: its first file, in Put Output in Field
		const gridOnly = await session.run({
			...poll,
			resource: 'video',
			operation: 'upscale',
			jobId: videoJob,
			videoNo: 1,
			download: 'grid',
		});
		expect(Object.keys(gridOnly.items[0].binary ?? {})).toEqual(['data']);
		expect(gridOnly.items[0].binary!.data.mimeType).toBe('video/mp4');

		// a video follow-up on an image job is refused before any request
		session.sim.log.length = 0;
		const wrong = await session.run({
			...poll,
			resource: 'video',
			operation: 'extend',
			jobId: parent,
			videoNo: 0,
		});
		expect(wrong.error?.message).toMatch(/needs a video-diffusion or extend-video job/);
		expect(session.jobPosts()).toEqual([]);
	});

	it('Animate from an image URL and a prompt puts the URL first in the prompt', async () => {
		const result = await session.run({
			...poll,
			resource: 'video',
			operation: 'animate',
			source: 'prompt',
			imageUrl: 'https://example.com/a.png',
			prompt: 'slow zoom',
		});
		expect(result.error?.message).toBeUndefined();
		expect(sent()).toEqual([
			['/api/v1/video-diffusion', { prompt: 'https://example.com/a.png slow zoom', videoType: 0 }],
		]);
	});
});

describe('Midjourney (Legnext) → Job → Get and Account → Get Balance (free)', () => {
	it('Get reads a job; Get Balance outputs the balance fields', async () => {
		const parent = await session.completedTask();
		const read = await session.run({ resource: 'job', operation: 'get', jobId: parent });
		expect(read.items[0].json).toMatchObject({
			jobid: parent,
			status: 'completed',
			usage: { consume: 80 },
		});
		expect(read.items[0].json.imageUrls).toHaveLength(4);

		const balance = await session.run({ resource: 'account', operation: 'getBalance' });
		expect(balance.items[0].json).toMatchObject({
			available_points: 30000 - 80,
			account_id: 10001,
		});
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('Get of an unknown job is a 404 that says what to check', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'get',
			jobId: '00000000-0000-4000-8000-000000000000',
		});
		expect(result.error?.message).toMatch(/Legnext has no such job/);
		expect(result.error?.description).toMatch(/forget jobs after a few days/);
	});
});
