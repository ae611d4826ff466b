import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { eventually, useSimulator } from './helpers/simulatorSession';

/**
 * What each button's job gives the user: its files listed in imageUrls / videoUrls and
 * downloadable as binary data, whether the result is a grid or a single upscale. The upscale
 * shape is the docs' U2 example (post-midjourney-jobs-button.md): one attachment, no imageUx.
 */
const session = useSimulator();

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function imagine(prompt = 'a cat in a hat'): Promise<IDataObject> {
	const result = await session.run({ resource: 'job', operation: 'imagine', prompt });
	expect(result.error).toBeUndefined();
	return result.items[0].json;
}

async function press(
	parent: IDataObject,
	button: string,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const result = await session.run({
		resource: 'job',
		operation: 'button',
		jobId: parent.jobid,
		button,
		...extra,
	});
	expect(result.error).toBeUndefined();
	return result.items;
}

function bytesOf(item: INodeExecutionData, field: string): Buffer {
	return Buffer.from(item.binary![field].data, 'base64');
}

describe('an upscale (U1–U4) is one image the user can use at once', () => {
	it('answers as the docs show: one attachment, no imageUx', async () => {
		const [upscale] = await press(await imagine(), 'U2');
		const response = upscale.json.response as IDataObject;
		expect(response.imageUx).toBeUndefined();
		expect(response.attachments).toHaveLength(1);
	});

	it('lists its image in imageUrls and downloads it as image1 (Single Images)', async () => {
		const [upscale] = await press(await imagine(), 'U1', { download: 'singles' });
		const attachment = ((upscale.json.response as IDataObject).attachments as IDataObject[])[0];
		expect(upscale.json.imageUrls).toEqual([attachment.url]);
		expect(upscale.json.videoUrls).toEqual([]);
		expect(Object.keys(upscale.binary ?? {})).toEqual(['image1']);
		expect(upscale.binary!.image1.mimeType).toBe('image/png');
		expect(bytesOf(upscale, 'image1').subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
	});

	it('is never named grid: Grid and Singles gives image1 only', async () => {
		const [upscale] = await press(await imagine(), 'U3', { download: 'gridAndSingles' });
		expect(Object.keys(upscale.binary ?? {})).toEqual(['image1']);
	});

	it('becomes one item in Put Output in Field with One Item per Image/Video', async () => {
		const items = await press(await imagine(), 'U4', {
			download: 'split',
			binaryPropertyOutput: 'upscaled',
		});
		expect(items).toHaveLength(1);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['upscaled']);
		expect(items[0].json.media).toMatchObject({ kind: 'image', index: 1 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('Grid Only gives the upscale itself, in Put Output in Field (data by default)', async () => {
		const [upscale] = await press(await imagine(), 'U1', { download: 'grid' });
		expect(Object.keys(upscale.binary ?? {})).toEqual(['data']);
	});
});

describe('every button result, checked against the docs', () => {
	it('Upscale (Subtle) / (Creative) and Redo Upscale: one image, the CDN copy when listed, never a grid', async () => {
		const [u1] = await press(await imagine('a fox --v 7'), 'U1');
		for (const button of ['Upscale (Subtle)', 'Upscale (Creative)']) {
			const [upscale] = await press(u1.json, button, { download: 'gridAndSingles' });
			const imageUx = (upscale.json.response as IDataObject).imageUx as IDataObject[];
			expect(upscale.json.imageUrls).toEqual([imageUx[0].url]);
			expect(Object.keys(upscale.binary ?? {})).toEqual(['image1']);
			if (button === 'Upscale (Subtle)') {
				expect(upscale.json.buttons).toContain('Redo Upscale (Subtle)');
				const [redo] = await press(upscale.json, 'Redo Upscale (Subtle)', { download: 'split' });
				expect(redo.json.imageUrls).toHaveLength(1);
				expect(Object.keys(redo.binary ?? {})).toEqual(['data']);
			}
		}
	});

	it('Upscale (2x) and (4x) of a v5 image: one image each', async () => {
		const [u1] = await press(await imagine('a fox --v 5.2'), 'U1');
		for (const button of ['Upscale (2x)', 'Upscale (4x)']) {
			const [upscale] = await press(u1.json, button, { download: 'gridAndSingles' });
			expect(upscale.json.imageUrls).toHaveLength(1);
			expect(Object.keys(upscale.binary ?? {})).toEqual(['image1']);
		}
	});

	it.each(['V1', '🔄', '⬅️', 'Zoom Out 2x', 'Vary (Strong)', 'Vary (Subtle)', 'Make Square'])(
		'%s gives a grid: four images plus the grid',
		async (button) => {
			const grid = await imagine('a fox --ar 2:3');
			const [u1] = await press(grid, 'U1');
			const parent = ['V1', '🔄'].includes(button) ? grid : u1.json;
			const [result] = await press(parent, button, { download: 'gridAndSingles' });
			expect(result.json.imageUrls).toHaveLength(4);
			expect(Object.keys(result.binary ?? {}).sort()).toEqual([
				'grid',
				'image1',
				'image2',
				'image3',
				'image4',
			]);
		},
	);

	it('Animate gives four videos; U1 on that video grid gives the one video as video1, never a grid', async () => {
		const [u1] = await press(await imagine('waves'), 'U1');
		const [animated] = await press(u1.json, 'Animate (High motion)');
		expect(animated.json.videoUrls).toHaveLength(4);
		expect(animated.json.jobType).toBe('video');

		const [video] = await press(animated.json, 'U1', { download: 'gridAndSingles' });
		expect(video.json.videoUrls).toHaveLength(1);
		expect(video.json.imageUrls).toEqual([]);
		expect(Object.keys(video.binary ?? {})).toEqual(['video1']);
		expect(video.binary!.video1.mimeType).toBe('video/mp4');
	});
});

describe('Simplify Output and Put Output in Field', () => {
	it('Grid Only puts the grid in data, or in the field the user names', async () => {
		const byDefault = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			download: 'grid',
		});
		expect(Object.keys(byDefault.items[0].binary ?? {})).toEqual(['data']);
		const named = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			download: 'grid',
			binaryPropertyOutput: 'gridImage',
		});
		expect(Object.keys(named.items[0].binary ?? {})).toEqual(['gridImage']);
	});

	it('Simplify Output off (the default) keeps the whole job; on, only the useful fields', async () => {
		const full = await session.run({ resource: 'job', operation: 'imagine', prompt: 'a cat' });
		expect(full.items[0].json).toHaveProperty('request');
		expect(full.items[0].json).toHaveProperty('response');
		const simple = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			simplify: true,
		});
		expect(simple.items[0].json).not.toHaveProperty('response');
		expect(simple.items[0].json).toMatchObject({ prompt: 'a cat', status: 'completed' });
	});

	it('Pause Until Callback resumes with the same upscale shape and field names', async () => {
		const parent = await imagine();
		session.sim.configure({ jobDurationMs: 800 });
		const paused = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.jobid,
			button: 'U1',
			waitMode: 'webhook',
			download: 'split',
			binaryPropertyOutput: 'upscaled',
		});
		session.sim.configure({ jobDurationMs: 150 });
		expect(paused.status).toBe('waiting');
		const jobid = session.jobPosts().at(-1)!.jobid as string;
		await eventually(() => session.sim.jobs.get(jobid)?.status === 'completed');
		const resumed = await paused.resume({ jobid, status: 'completed' });
		const items = resumed.workflowData![0];
		expect(items).toHaveLength(1);
		expect(items[0].json.imageUrls).toHaveLength(1);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['upscaled']);
	});
});
