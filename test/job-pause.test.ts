import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useapiJobIds } from '../nodes/Midjourney/apis/useapiJobIds';
import { uuidJobIds } from '../nodes/Midjourney/engine/uuidJobIds';
import { decodeLedger, encodeLedger } from '../nodes/Midjourney/engine/callbackLedger';
import { eventually, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

function pause(prompt: string, options: IDataObject = {}, extra: IDataObject = {}) {
	return {
		resource: 'job',
		operation: 'imagine',
		prompt,
		waitMode: 'webhook',
		options,
		...extra,
	} as INodeParameters;
}

/** The final callback useapi.net POSTed for a job, once it has. */
async function finalCallback(jobid: string): Promise<IDataObject> {
	const body = () => session.sim.callbacks.find((c) => c.body.jobid === jobid)?.body;
	await eventually(() => body() !== undefined);
	return body()!;
}

describe('Wait for Completion → Pause Until Callback', () => {
	it('keeps the prompt warnings a Poll run gives, across the pause and its resume', async () => {
		const items = [
			{ prompt: 'a cat --hdr [[ms=300]]' },
			{ prompt: 'My test prompt 1 [[ms=300]]' },
			{ prompt: 'My test prompt 2 [[ms=300]]' },
			{ prompt: 'a fox --p abc123 [[ms=300]]' },
		];
		const polled = await session.run(pause('={{ $json.prompt }}', {}, { waitMode: 'poll' }), {
			items,
		});
		const expected = polled.items.map((item) => item.json.promptWarnings);
		expect(expected.every((warnings) => Array.isArray(warnings))).toBe(true);

		const paused = await session.run(pause('={{ $json.prompt }}'), { items });
		expect(paused.items.map((item) => item.json.promptWarnings)).toEqual(expected);
		// With more items than free slots, only the last round waits for callbacks.
		const jobids = session
			.jobPosts()
			.slice(items.length)
			.filter((post) => post.body?.replyUrl)
			.map((post) => post.jobid as string);
		let resumed;
		for (const jobid of jobids) resumed = await paused.resume(await finalCallback(jobid));
		const output = resumed!.workflowData![0];
		expect(output.map((item) => item.json.status)).toEqual(items.map(() => 'completed'));
		expect(output.map((item) => item.json.promptWarnings)).toEqual(expected);
	});

	it('submits with the resume URL (replyLevel minimal), pauses, and resumes once every job is final', async () => {
		const paused = await session.run(pause('={{ $json.prompt }}'), {
			items: [
				{ prompt: 'one [[ms=400]]' },
				{ prompt: 'two [[ms=900]]' },
				{ prompt: 'three [[ms=600]]' },
			],
		});

		expect(paused.status).toBe('waiting');
		expect(paused.run.data.waitTill).toBeInstanceOf(Date);
		const posts = session.jobPosts();
		expect(posts).toHaveLength(3);
		for (const post of posts) {
			expect(post.body).toMatchObject({ stream: false, replyLevel: 'minimal' });
			expect(post.body?.replyUrl).toMatch(
				/^http:\/\/localhost:5678\/webhook-waiting\/exec-test\?signature=[0-9a-f]{64}$/,
			);
		}
		// What the next node gets if the wait limit passes first:
		expect(paused.items.map((i) => i.json)).toEqual(
			posts.map((p) =>
				expect.objectContaining({ jobid: p.jobid, status: 'created', timedOut: true }),
			),
		);

		const jobids = posts.map((p) => p.jobid as string);
		// Callbacks come as jobs finish (one, three, two); each is delivered when it arrives.
		expect(await paused.resume(await finalCallback(jobids[0]))).toEqual({});
		expect(await paused.resume(await finalCallback(jobids[2]))).toEqual({});
		const resumed = await paused.resume(await finalCallback(jobids[1]));
		const items = resumed.workflowData![0];
		expect(items.map((i) => i.json.jobid)).toEqual(jobids);
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'completed', 'completed']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.imageUrls).toHaveLength(4);
	});

	it('keeps waiting for progress, unknown and forged callbacks, and reads the API instead of trusting the body', async () => {
		const paused = await session.run(pause('slow [[ms=800]]'));
		const jobid = session.jobPosts()[0].jobid as string;
		expect(await paused.resume({ jobid, status: 'progress' })).toEqual({});
		expect(
			await paused.resume({
				jobid: 'j0000000000000000000i-u1-c1-bot:midjourney',
				status: 'completed',
			}),
		).toEqual({});
		// A forged "completed" for our job while it is still running on useapi.net:
		expect(
			await paused.resume({
				jobid,
				status: 'completed',
				response: { imageUx: [{ id: 1, url: 'https://evil.example/x.png' }] },
			}),
		).toEqual({});
		await finalCallback(jobid);
		const resumed = await paused.resume({
			jobid,
			status: 'completed',
			response: { imageUx: [{ id: 1, url: 'https://evil.example/x.png' }] },
		});
		const json = resumed.workflowData![0][0].json;
		expect(json.imageUrls).not.toContain('https://evil.example/x.png');
		expect(json.imageUrls).toHaveLength(4);
	});

	it('returns at once, without pausing, when every job is already final after submitting', async () => {
		const parent = await session.run({ resource: 'job', operation: 'imagine', prompt: 'a cat' });
		const upscale = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.items[0].json.jobid,
			button: 'U1',
		});
		// Pressing U1 again finds the finished upscale: nothing is left to wait for.
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.items[0].json.jobid,
			button: 'U1',
			waitMode: 'webhook',
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({
			jobid: upscale.items[0].json.jobid,
			status: 'completed',
			reusedExistingJob: true,
		});
	});

	it('resumes with moderated and failed jobs as items carrying their error', async () => {
		const paused = await session.run(pause('={{ $json.prompt }}'), {
			items: [{ prompt: 'fine [[ms=300]]' }, { prompt: 'bad [[moderated]]' }],
		});
		const jobids = session.jobPosts().map((p) => p.jobid as string);
		// The moderated job ends first: the completed one's callback, the last, resumes.
		const early = await paused.resume(await finalCallback(jobids[1]));
		expect(early.workflowData).toBeUndefined();
		const resumed = await paused.resume(await finalCallback(jobids[0]));
		const items = resumed.workflowData![0];
		expect(items.map((i) => i.json.status)).toEqual(['completed', 'moderated']);
		expect(items[1].json.error).toMatch(/moderated/i);
	});

	it('downloads results on resume, as Stream would', async () => {
		const paused = await session.run(pause('a cat [[ms=300]]', {}, { download: 'singles' }));
		const jobid = session.jobPosts()[0].jobid as string;
		const resumed = await paused.resume(await finalCallback(jobid));
		expect(Object.keys(resumed.workflowData![0][0].binary ?? {})).toEqual([
			'image1',
			'image2',
			'image3',
			'image4',
		]);
	});

	it('with more items than free slots, follows the earlier rounds by stream and pauses the last one: no 429 storm', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ prompt: `batch ${i} [[ms=300]]` }));
		const paused = await session.run(pause('={{ $json.prompt }}'), { items });
		expect(paused.status).toBe('waiting');
		const posts = session.jobPosts();
		expect(posts.map((p) => p.status)).toEqual([200, 200, 201, 201, 201]);
		expect(posts.filter((p) => p.body?.replyUrl)).toHaveLength(3);
		expect(paused.items.map((i) => i.json.timedOut ?? false)).toEqual([
			false,
			false,
			true,
			true,
			true,
		]);
		expect(paused.items.slice(0, 2).map((i) => i.json.status)).toEqual(['completed', 'completed']);

		const pausedIds = posts.slice(2).map((p) => p.jobid as string);
		for (const jobid of pausedIds) await finalCallback(jobid);
		const resumed = await paused.resume(await finalCallback(pausedIds[2]));
		expect(resumed.workflowData![0].map((i) => i.json.status)).toEqual(Array(5).fill('completed'));
	});

	it('refuses a Reply URL of its own before any request', async () => {
		const result = await session.run(pause('a cat', { replyUrl: 'https://example.com/hook' }));
		expect(result.error?.message).toMatch(/Reply URL cannot be set with Pause Until Callback/);
		expect(session.sim.log).toHaveLength(0);
	});
});

describe('the job ledger kept in custom data', () => {
	it('round-trips job ids, including items without a job, within 255-character values', () => {
		const ids = Array.from(
			{ length: 40 },
			(_, i) =>
				`j01210636598093380${String(i).padStart(2, '0')}${i % 3 ? 'i' : ''}-u12345-c${i % 2 ? '1234567890123456789' : '9876543210987654321'}-bot:midjourney`,
		);
		ids[5] = '';
		ids[6] = '!HTTP 400: bad | prompt';
		ids[7] = 'j1-u1-c1-something-else';
		const values = encodeLedger(ids, useapiJobIds, 8);
		expect(values.every((v) => v.length <= 255)).toBe(true);
		expect(values.length).toBeLessThanOrEqual(8);
		expect(decodeLedger(values, useapiJobIds)).toEqual(ids);
	});

	it('round-trips /v1 job ids (UUIDs)', () => {
		const ids = Array.from({ length: 30 }, () => crypto.randomUUID());
		expect(decodeLedger(encodeLedger(ids, uuidJobIds, 8), uuidJobIds)).toEqual(ids);
	});

	it('refuses more jobs than fit', () => {
		const ids = Array.from(
			{ length: 200 },
			() => 'j1121063659809338026i-u12345-c1234567890123456789-bot:midjourney',
		);
		expect(() => encodeLedger(ids, useapiJobIds, 8)).toThrow();
	});
});
