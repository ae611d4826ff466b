import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CHANNEL, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

// A valid 1x1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

function withImage(property = 'data', bytes: Buffer = PNG): INodeExecutionData {
	return {
		json: {},
		binary: {
			[property]: { data: bytes.toString('base64'), mimeType: 'image/png', fileName: 'in.png' },
		},
	};
}

async function imagineJob(prompt = 'a cat'): Promise<IDataObject> {
	const result = await session.run({ resource: 'job', operation: 'imagine', prompt });
	return result.items[0].json;
}

describe('Job → Button', () => {
	it('upscales U1 and outputs the child job', async () => {
		const parent = await imagineJob();
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U1',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ verb: 'button', status: 'completed' });
		expect((result.items[0].json.request as IDataObject).button).toBe('U1');
		expect(result.items[0].json.reusedExistingJob).toBeUndefined();
	});

	it('says a repeated U1 returned the existing upscale, without pressing again', async () => {
		const parent = await imagineJob();
		const first = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U2',
		});
		const posts = session.jobPosts().length;
		const again = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U2',
		});
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({
			jobid: first.items[0].json.jobid,
			reusedExistingJob: true,
			status: 'completed',
		});
		expect(session.jobPosts()).toHaveLength(posts);
	});

	it('flags an execute-once repeat in Poll mode too', async () => {
		const parent = await imagineJob();
		await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U3',
			waitMode: 'none',
		});
		const again = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U3',
			waitMode: 'poll',
			options: { pollInterval: 0.1 },
		});
		expect(again.items[0].json.reusedExistingJob).toBe(true);
	});

	it('explains a button the parent does not offer (API 400)', async () => {
		const parent = await imagineJob();
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'Upscale (Creative)',
		});
		expect(result.error?.message).toMatch(/rejected the request/);
		expect(result.error?.description).toMatch(/check the parent's buttons/);
	});

	it.each([
		[
			'Custom Zoom without a prompt',
			{ button: 'Custom Zoom', prompt: '' },
			/Custom Zoom needs a prompt/,
		],
		[
			'Vary (Region) without a mask',
			{ button: 'Vary (Region)', maskSource: 'base64', mask: '' },
			/Vary \(Region\) needs a mask/,
		],
		[
			'Vary (Region) with a missing binary mask',
			{ button: 'Vary (Region)', maskSource: 'binary', maskBinaryProperty: 'mask' },
			/^Vary \(Region\) needs a mask image .*no binary field "mask"/,
		],
		[
			'an unknown button from an expression',
			{ button: '={{ "U9" }}' },
			/"U9" is not a Midjourney button/,
		],
		['a malformed job id', { jobId: 'abc' }, /is not a Midjourney v3 job ID/],
	])('rejects %s before any request', async (_name, extra, message) => {
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: 'j1121063659809338026i-u12345-c1234567890123456789-bot:midjourney',
			...extra,
		});
		expect(result.error?.message).toMatch(message);
		expect(session.sim.log).toHaveLength(0);
	});

	it('sends a binary mask as base64 for Vary (Region)', async () => {
		const parent = await imagineJob();
		const upscale = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U1',
		});
		const buttons = upscale.items[0].json.buttons as string[];
		expect(buttons).toContain('Vary (Region)');
		const result = await session.run(
			{
				resource: 'job',
				operation: 'button',
				jobId: upscale.items[0].json.jobid,
				button: 'Vary (Region)',
				maskSource: 'binary',
				maskBinaryProperty: 'mask',
				prompt: 'a hat',
			},
			{ inputItems: [withImage('mask')] },
		);
		expect(result.error).toBeUndefined();
		const post = session.jobPosts().at(-1)!;
		expect(post.body).toMatchObject({
			button: 'Vary (Region)',
			mask: PNG.toString('base64'),
			prompt: 'a hat',
		});
	});
});

describe('Job → Describe', () => {
	it('describes an image URL and outputs four clean prompts', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'describe',
			imageSource: 'url',
			imageUrl: 'https://example.com/cat.png',
		});
		expect(result.error).toBeUndefined();
		const prompts = result.items[0].json.prompts as string[];
		expect(prompts).toHaveLength(4);
		for (const prompt of prompts) {
			expect(prompt).not.toMatch(/[1-4]\uFE0F?\u20E3/u);
			expect(prompt).toBe(prompt.trim());
			expect(prompt.length).toBeGreaterThan(10);
		}
		expect(session.jobPosts()[0].body).toMatchObject({ imageUrl: 'https://example.com/cat.png' });
	});

	it('uploads an input binary image as multipart imageBlob', async () => {
		const result = await session.run(
			{ resource: 'job', operation: 'describe', imageSource: 'binary', binaryProperty: 'photo' },
			{ inputItems: [withImage('photo')] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.prompts).toHaveLength(4);
		expect(session.jobPosts()[0].body).toMatchObject({
			imageBlob: { size: PNG.length, contentType: 'image/png' },
		});
	});

	it('refuses an image over 10 MB before any request', async () => {
		const big = Buffer.alloc(10 * 1024 * 1024 + 1);
		const result = await session.run(
			{ resource: 'job', operation: 'describe', imageSource: 'binary', binaryProperty: 'data' },
			{ inputItems: [withImage('data', big)] },
		);
		expect(result.error?.message).toMatch(/is 10\.0 MB; the limit is 10 MB/);
		expect(session.sim.log).toHaveLength(0);
	});

	it('names the available binary properties when the chosen one is missing', async () => {
		const result = await session.run(
			{ resource: 'job', operation: 'describe', imageSource: 'binary', binaryProperty: 'data' },
			{ inputItems: [withImage('photo')] },
		);
		expect(result.error?.message).toMatch(
			/needs an image, but the input item has no binary field "data"/,
		);
		expect(result.error?.description).toMatch(/Input Data Field Name .*photo/);
	});
});

describe('Job → Blend', () => {
	it('blends a URL and a binary image (imageUrl_1 + imageBlob_2)', async () => {
		const result = await session.run(
			{
				resource: 'job',
				operation: 'blend',
				images: {
					image: [
						{ source: 'url', url: 'https://example.com/a.png' },
						{ source: 'binary', binaryProperty: 'data' },
					],
				},
				blendDimensions: 'Landscape',
			},
			{ inputItems: [withImage()] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ verb: 'blend', status: 'completed' });
		expect(session.jobPosts()[0].body).toMatchObject({
			imageUrl_1: 'https://example.com/a.png',
			imageBlob_2: { size: PNG.length },
			blendDimensions: 'Landscape',
		});
	});

	it.each([1, 6])('refuses %i image(s) before any request', async (count) => {
		const image = Array.from({ length: count }, (_, i) => ({
			source: 'url',
			url: `https://example.com/${i}.png`,
		}));
		const result = await session.run({ resource: 'job', operation: 'blend', images: { image } });
		expect(result.error?.message).toMatch(
			new RegExp(`Blend needs 2 to 5 images \\(got ${count}\\)`),
		);
		expect(session.sim.log).toHaveLength(0);
	});
});

describe('Job → Seed', () => {
	it('outputs the seed as a number and the four separate images', async () => {
		const parent = await imagineJob();
		const result = await session.run({
			resource: 'job',
			operation: 'seed',
			jobId: parent.jobid,
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(typeof result.items[0].json.seed).toBe('number');
		expect(result.items[0].json.imageUrls).toHaveLength(4);
	});

	it('returns the existing seed job on a second request, without asking again', async () => {
		const parent = await imagineJob();
		const first = await session.run({ resource: 'job', operation: 'seed', jobId: parent.jobid });
		const again = await session.run({ resource: 'job', operation: 'seed', jobId: parent.jobid });
		expect(again.items[0].json).toMatchObject({
			jobid: first.items[0].json.jobid,
			seed: first.items[0].json.seed,
			reusedExistingJob: true,
		});
		expect(session.jobPosts().filter((r) => r.path.endsWith('/seed'))).toHaveLength(1);
	});
});

describe('Settings commands', () => {
	it.each(['getSettings', 'fast', 'relax', 'turbo', 'remix', 'variability'])(
		'%s outputs the settings as top-level fields',
		async (operation) => {
			const result = await session.run({ resource: 'settings', operation, simplify: true });
			expect(result.error).toBeUndefined();
			const json = result.items[0].json;
			expect(json.status).toBe('completed');
			const settings = session.sim.jobs.get(json.jobid as string)?.response as IDataObject;
			expect(Object.keys(settings.settings as IDataObject).length).toBeGreaterThan(0);
			for (const [key, value] of Object.entries(settings.settings as IDataObject))
				expect(json[key]).toEqual(value);
		},
	);

	it('fast switches the mode and Get Settings then shows it', async () => {
		await session.run({ resource: 'settings', operation: 'fast' });
		const result = await session.run({ resource: 'settings', operation: 'getSettings' });
		expect(result.items[0].json).toMatchObject({ fast: true, relax: false });
	});

	it('info parses the embed into fields', async () => {
		const result = await session.run({
			resource: 'settings',
			operation: 'info',
			simplify: true,
		});
		const info = result.items[0].json.info as IDataObject;
		expect(info).toEqual(
			expect.objectContaining({
				subscription: expect.any(String),
				jobMode: expect.any(String),
				visibilityMode: expect.any(String),
			}),
		);
	});

	it('says to pick a channel when several are configured', async () => {
		await session.run({
			resource: 'account',
			operation: 'configure',
			discord: 'second-discord-token-abc',
			maxJobs: 3,
			maxImageJobs: 3,
			maxVideoJobs: 3,
		});
		const result = await session.run({ resource: 'settings', operation: 'info' });
		expect(result.error?.description).toMatch(/Options → Channel/);
		const chosen = await session.run({
			resource: 'settings',
			operation: 'info',
			options: { channel: CHANNEL },
		});
		expect(chosen.items[0].json.status).toBe('completed');
	});

	it('runs settings commands one at a time across items', async () => {
		const result = await session.run(
			{ resource: 'settings', operation: 'getSettings' },
			{ items: [{}, {}, {}] },
		);
		expect(result.items).toHaveLength(3);
		const posts = session.jobPosts();
		for (let i = 1; i < posts.length; i++) {
			const previous = session.sim.jobs.get(posts[i - 1].jobid as string) as IDataObject;
			const next = session.sim.jobs.get(posts[i].jobid as string) as IDataObject;
			expect(Date.parse(next.created as string)).toBeGreaterThanOrEqual(
				Date.parse(previous.updated as string),
			);
		}
	});
});

describe('Output shapes and downloads', () => {
	it('simplified output carries only the useful fields', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			simplify: true,
		});
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
		expect(result.items[0].json.prompt).toBe('a cat');
	});

	it('downloads the grid and the four images as binary, with names and MIME types', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			download: 'gridAndSingles',
		});
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary!;
		expect(Object.keys(binary).sort()).toEqual(['grid', 'image1', 'image2', 'image3', 'image4']);
		expect(binary.image1).toMatchObject({
			mimeType: 'image/png',
			fileName: expect.stringMatching(/^j\d+i-image1\.png$/),
		});
		const bytes = Buffer.from(binary.image1.data, 'base64');
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		expect(session.requests('GET', '/v1/proxy/cdn-midjourney')).toHaveLength(4);
	});

	it('splits a job into one item per image, each paired with its input', async () => {
		const result = await session.run(
			{ resource: 'job', operation: 'imagine', prompt: '={{ $json.p }}', download: 'split' },
			{ items: [{ p: 'one' }, { p: 'two' }] },
		);
		expect(result.items).toHaveLength(8);
		expect(result.items.map((i) => i.pairedItem)).toEqual([
			...Array(4).fill({ item: 0 }),
			...Array(4).fill({ item: 1 }),
		]);
		expect(result.items.map((i) => (i.json.media as IDataObject).index)).toEqual([
			1, 2, 3, 4, 1, 2, 3, 4,
		]);
		expect(result.items.every((i) => i.binary?.data?.mimeType === 'image/png')).toBe(true);
	});

	it('downloads video results of a --video job', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'waves --video',
			download: 'singles',
		});
		const binary = result.items[0].binary!;
		expect(Object.keys(binary).filter((k) => k.startsWith('video')).length).toBeGreaterThan(0);
		expect(binary.video1.mimeType).toBe('video/mp4');
	});

	it('retries a CDN 403 with backoff (direct download with browser headers)', async () => {
		session.sim.setFaults({ cdn403: 2, cdnRequireUserAgent: true });
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			download: 'singles',
			options: { downloadVia: 'direct' },
		});
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].binary!)).toHaveLength(4);
		const cdnStatuses = session.sim.log
			.filter((r) => r.path.includes('/cdn.midjourney.com/'))
			.map((r) => r.status);
		expect(cdnStatuses).toEqual([403, 403, 200, 200, 200, 200]);
	});

	it('a download that keeps failing names the completed job', async () => {
		session.sim.setFaults({ proxy403: 100 });
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			download: 'singles',
		});
		expect(result.error?.message).toMatch(/refused the download/);
		expect(result.error?.description).toMatch(
			/Try Options → Download Via → Direct, or run again later/,
		);
		expect(result.error?.description).toMatch(/Job j\d+i-.* completed/);
	});
});

describe('Media → Download', () => {
	it('downloads a job image into the chosen binary property', async () => {
		const job = await imagineJob();
		const url = (job.imageUrls as string[])[0];
		const result = await session.run({
			resource: 'media',
			operation: 'download',
			url,
			downloadVia: 'proxy',
			binaryPropertyName: 'picture',
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].binary?.picture).toMatchObject({ mimeType: 'image/png' });
		expect(session.requests('GET', '/v1/proxy/cdn-midjourney')[0].query).toMatchObject({
			cdnUrl: url,
		});
	});

	it('rejects a URL that is not http(s) before any request', async () => {
		const result = await session.run({
			resource: 'media',
			operation: 'download',
			url: 'file:///etc/passwd',
			downloadVia: 'direct',
			binaryPropertyName: 'data',
		});
		expect(result.error?.message).toMatch(/URL is not a valid URL/);
		expect(session.sim.log).toHaveLength(0);
	});
});
