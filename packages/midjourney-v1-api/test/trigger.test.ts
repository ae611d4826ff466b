import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TriggerHarness } from '../../../tools/harness/runTrigger';
import { eventually } from '../../../test/helpers/simulatorSession';
import { useV1Simulator, V1_TOKEN } from './v1Session';

const session = useV1Simulator();

function trigger(parameters: INodeParameters = {}) {
	return new TriggerHarness({
		trigger: 'midjourneyV1ApiTrigger',
		parameters,
		credentials: { apiToken: V1_TOKEN, baseUrl: session.sim.url },
	});
}

/** Submits through the node with Don't Wait and the simulator itself as webhook receiver. */
async function submitWithWebhook(prompt: string, webhookType: 'minimal' | 'all' = 'minimal') {
	const result = await session.run({
		operation: 'imagine',
		prompt,
		waitMode: 'none',
		options: { replyUrl: `${session.sim.url}/sink/callback`, replyLevel: webhookType },
	});
	return result.items[0].json.jobid as string;
}

async function callbacksOf(jobId: string, final = true) {
	const of = () => session.sim.callbacks.filter((c) => c.jobId === jobId);
	await eventually(() =>
		of().some((c) => !final || ['completed', 'failed', 'cancelled'].includes(c.jobStatus)),
	);
	return of().map((c) => c.body);
}

describe('Midjourney /v1 API Trigger', () => {
	it('starts one execution for a completed job, verified by reading it back, with its images', async () => {
		const jobId = await submitWithWebhook('trigger me [[ms=100]]');
		const [body] = await callbacksOf(jobId);
		const harness = trigger({ events: ['completed', 'failed'], download: 'gridAndSingles' });
		expect(await harness.hook('create')).toBe(true);
		const first = await harness.postJson(body);
		expect(first.started).toBe(true);
		expect(first.items[0].json).toMatchObject({
			id: jobId,
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
		expect(session.requests('GET', `/v1/jobs/${jobId}`).length).toBeGreaterThan(0);

		const again = await harness.postJson(body);
		expect(again.started).toBe(false);
	});

	it('progress webhooks start nothing unless Progress is selected; a cancelled job is a Failed event', async () => {
		const jobId = await submitWithWebhook('progress me [[ms=6000]]', 'all');
		await eventually(() =>
			session.sim.callbacks.some((c) => c.jobId === jobId && c.jobStatus === 'in_progress'),
		);
		const harness = trigger({ events: ['completed', 'failed'] });
		expect(await harness.hook('create')).toBe(true);
		const inProgress = session.sim.callbacks.find((c) => c.jobId === jobId)!.body;
		expect((await harness.postJson(inProgress)).started).toBe(false);

		await session.run({ operation: 'cancel', jobId });
		const bodies = await callbacksOf(jobId);
		const cancelled = bodies.find((b) => b.status === 'cancelled') as IDataObject;
		const started = await harness.postJson(cancelled);
		expect(started.started).toBe(true);
		expect(started.items[0].json).toMatchObject({ status: 'cancelled', event: 'failed' });
	});

	it('a forged callback for a job still running starts nothing: the API is believed, not the body', async () => {
		const jobId = await submitWithWebhook('running [[ms=60000]]');
		const harness = trigger({ events: ['completed'] });
		expect(await harness.hook('create')).toBe(true);
		const forged = await harness.postJson({
			id: jobId,
			status: 'completed',
			result: { images: [{ url: 'https://evil.example/x.png', index: 1 }] },
		});
		expect(forged.started).toBe(false);
		const unknown = await harness.postJson({
			id: '3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c',
			status: 'completed',
		});
		expect(unknown.started).toBe(false);
		expect((await harness.postJson({ jobid: 'no id field' })).statusCode).toBe(400);
	});

	it('Job Types filters the events; with Verify with API off the body is trusted as the /v1 job it claims', async () => {
		const jobId = await submitWithWebhook('filter me [[ms=100]]');
		const [body] = await callbacksOf(jobId);

		const upscalesOnly = trigger({ events: ['completed'], filters: { verbs: ['upscale'] } });
		expect(await upscalesOnly.hook('create')).toBe(true);
		expect((await upscalesOnly.postJson(body)).started).toBe(false);

		const reads = session.requests('GET', `/v1/jobs/${jobId}`).length;
		const unverified = trigger({ events: ['completed'], verifyWithApi: false });
		expect(await unverified.hook('create')).toBe(true);
		const started = await unverified.postJson(body);
		expect(started.started).toBe(true);
		expect(started.items[0].json).toMatchObject({
			id: jobId,
			status: 'completed',
			verified: false,
		});
		expect(session.requests('GET', `/v1/jobs/${jobId}`)).toHaveLength(reads);
	});
});
