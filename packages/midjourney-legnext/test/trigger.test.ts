import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TriggerHarness } from '../../../tools/harness/runTrigger';
import { eventually } from '../../../test/helpers/simulatorSession';
import { LEGNEXT_KEY, useLegnextSimulator } from './legnextSession';

const session = useLegnextSimulator();

function trigger(parameters: INodeParameters = {}) {
	return new TriggerHarness({
		trigger: 'midjourneyLegnextTrigger',
		parameters,
		credentials: { apiToken: LEGNEXT_KEY, baseUrl: session.sim.url },
	});
}

/** Submits through the node with Don't Wait and a callback URL that only collects. */
async function submitWithCallback(prompt: string) {
	const result = await session.run({
		operation: 'imagine',
		prompt,
		waitMode: 'none',
		options: { replyUrl: `${session.sim.url}/sink/callback` },
	});
	return result.items[0].json.jobid as string;
}

async function callbackOf(jobId: string, status = 'completed'): Promise<IDataObject> {
	const find = () => session.sim.callbacks.find((c) => c.jobId === jobId && c.jobStatus === status);
	await eventually(() => find() !== undefined);
	return find()!.body;
}

describe('Midjourney (Legnext) Trigger', () => {
	it('starts once for a completed job, read back from Legnext with the key, with its images as binary', async () => {
		const jobId = await submitWithCallback('trigger me [[ms=100]]');
		const body = await callbackOf(jobId);
		expect(body).toMatchObject({ timestamp: expect.any(Number), data: { job_id: jobId } });
		const harness = trigger({ events: ['completed', 'failed'], download: 'gridAndSingles' });
		expect(await harness.hook('create')).toBe(true);
		const readsBefore = session.reads().length;

		const first = await harness.postJson(body);
		expect(first.started).toBe(true);
		expect(first.items[0].json).toMatchObject({
			job_id: jobId,
			jobid: jobId,
			status: 'completed',
			event: 'completed',
			verified: true,
		});
		expect(Object.keys(first.items[0].binary ?? {}).sort()).toEqual([
			'grid',
			'image1',
			'image2',
			'image3',
			'image4',
		]);
		expect(session.reads().length).toBe(readsBefore + 1);

		// Legnext may send a callback twice: the second starts nothing
		const again = await harness.postJson(body);
		expect(again.started).toBe(false);
	});

	it('intermediate callbacks start nothing unless Started is selected; a failed job is a Failed event', async () => {
		const jobId = await submitWithCallback('doomed [[failed]] [[ms=150]]');
		const processing = await callbackOf(jobId, 'processing');
		const failed = await callbackOf(jobId, 'failed');
		const harness = trigger({ events: ['completed', 'failed'] });
		expect(await harness.hook('create')).toBe(true);
		const readsBefore = session.reads().length;
		expect((await harness.postJson(processing)).started).toBe(false);
		expect(session.reads().length).toBe(readsBefore);
		const started = await harness.postJson(failed);
		expect(started.started).toBe(true);
		expect(started.items[0].json).toMatchObject({ status: 'failed', event: 'failed' });
		expect(started.items[0].binary).toBeUndefined();

		// with Started selected, a processing callback is checked against Legnext: now failed
		const all = trigger({ events: ['started'] });
		expect(await all.hook('create')).toBe(true);
		expect((await all.postJson(processing)).started).toBe(false);
	});

	it('a forged callback starts nothing: a running job claimed completed, an unknown job, a body without a job', async () => {
		const jobId = await submitWithCallback('running [[ms=60000]]');
		const harness = trigger({ events: ['completed'] });
		expect(await harness.hook('create')).toBe(true);
		const forged = await harness.postJson({
			timestamp: Date.now(),
			data: {
				job_id: jobId,
				status: 'completed',
				output: {
					image_url: 'https://evil.example/x.png',
					image_urls: ['https://evil.example/1.png'],
				},
			},
		});
		expect(forged.started).toBe(false);
		const unknown = await harness.postJson({
			timestamp: Date.now(),
			data: { job_id: '3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c', status: 'completed' },
		});
		expect(unknown.started).toBe(false);
		expect((await harness.postJson({ timestamp: 1 })).statusCode).toBe(400);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('Job Types filters the events', async () => {
		const jobId = await submitWithCallback('filter me [[ms=100]]');
		const body = await callbackOf(jobId);
		const upscalesOnly = trigger({ events: ['completed'], filters: { verbs: ['upscale'] } });
		expect(await upscalesOnly.hook('create')).toBe(true);
		expect((await upscalesOnly.postJson(body)).started).toBe(false);
		const diffusions = trigger({ events: ['completed'], filters: { verbs: ['diffusion'] } });
		expect(await diffusions.hook('create')).toBe(true);
		expect((await diffusions.postJson(body)).started).toBe(true);
	});
});
