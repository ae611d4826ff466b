import type { IDataObject, INode, INodeParameters, INodeTypes } from 'n8n-workflow';
import { sleep, Workflow } from 'n8n-workflow';

import { isFinal } from '../nodes/Midjourney/engine/job';
import {
	rememberHandled,
	rememberHandledForExecution,
} from '../nodes/Midjourney/trigger/deliveryLog';
import { MAX_CALLBACK_BYTES } from '../nodes/Midjourney/trigger/readCallback';
import { withDeadline } from '../nodes/Midjourney/trigger/withDeadline';
import type { TriggerHarnessOptions, TriggerResponse, UrlMode } from '../tools/harness/runTrigger';
import { DEFAULT_WEBHOOK_ID, TriggerHarness } from '../tools/harness/runTrigger';
import { CHANNEL, TOKEN, eventually, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

const EVIL_URL = 'https://evil.example/steal.png';
const DISCORD = ['MTIzNDU2Nzg5MDEyMzQ1Njc4OQ', 'second', 'channel'].join('.');

/** Where the simulator POSTs callbacks: itself (it answers 404 and records each body it sent). */
function sinkUrl(): string {
	return `${session.sim.url}/sink/callback`;
}

async function submit(prompt: string, options: IDataObject = {}): Promise<string> {
	const result = await session.run({
		resource: 'job',
		operation: 'imagine',
		prompt,
		waitMode: 'none',
		options: { replyUrl: sinkUrl(), ...options },
	});
	expect(result.error).toBeUndefined();
	return result.items[0].json.jobid as string;
}

/** A callback as the simulator records it (tools/simulator/README.md). */
interface SimCallback {
	url: string;
	status: number | string;
	body: IDataObject;
	jobid: string;
	jobStatus: string;
	attempt: number;
}

function callbacksOf(jobid: string): SimCallback[] {
	return (session.sim.callbacks as unknown as SimCallback[]).filter(
		(callback) => callback.jobid === jobid,
	);
}

/** Waits for the job's final callback and returns every callback the simulator made for it. */
async function finished(jobid: string) {
	await eventually(() => callbacksOf(jobid).some((callback) => isFinal(callback.jobStatus)));
	return callbacksOf(jobid);
}

function trigger(parameters: INodeParameters = {}, extra: Partial<TriggerHarnessOptions> = {}) {
	return new TriggerHarness({
		parameters,
		credentials: { apiToken: TOKEN, baseUrl: session.sim.url },
		...extra,
	});
}

interface Delivery {
	jobStatus: string;
	progress?: number;
	response: TriggerResponse;
}

/** Hands each callback of the job to the trigger the moment the simulator made it, as a live n8n would get it. */
async function deliverLive(
	harness: TriggerHarness,
	jobid: string,
	mode: UrlMode = 'production',
): Promise<Delivery[]> {
	const delivered: Delivery[] = [];
	const until = Date.now() + 15000;
	for (;;) {
		const callbacks = callbacksOf(jobid);
		while (delivered.length < callbacks.length) {
			const callback = callbacks[delivered.length];
			const response = await harness.postJson(callback.body, mode);
			const progress = (callback.body.response as IDataObject | undefined)?.progress_percent as
				| number
				| undefined;
			delivered.push({ jobStatus: callback.jobStatus, progress, response });
		}
		if (delivered.some((delivery) => isFinal(delivery.jobStatus))) return delivered;
		if (Date.now() > until) throw new Error(`no final callback for ${jobid}`);
		await sleep(5);
	}
}

function starts(deliveries: Delivery[]): Delivery[] {
	return deliveries.filter((delivery) => delivery.response.started);
}

function jobReads(): number {
	return session.requests('GET', '/v3/midjourney/jobs/').length;
}

describe('MidjourneyV3 Trigger: URL and activation', () => {
	it("shows a URL whose secret is the node's random ID, for production and for test listening", () => {
		const harness = trigger();
		expect(harness.webhookUrl('production')).toBe(
			`http://localhost:5678/webhook/${DEFAULT_WEBHOOK_ID}/callback`,
		);
		expect(harness.webhookUrl('test')).toBe(
			`http://localhost:5678/webhook-test/${DEFAULT_WEBHOOK_ID}/callback`,
		);
	});

	it.each([
		['no webhook ID', null],
		['a short webhook ID', 'abc'],
		['a non-random webhook ID', 'midjourney-trigger-callback-url-1'],
	])('refuses to activate with %s, whose URL could be guessed', async (_name, webhookId) => {
		const harness = trigger({}, { webhookId });
		for (const mode of ['production', 'test'] as const) {
			await expect(harness.hook('create', mode)).rejects.toThrow(/could be guessed/);
		}
		expect(harness.webhookUrl()).not.toContain(DEFAULT_WEBHOOK_ID);
	});

	it('activates in production and for test listening with a random ID and a credential', async () => {
		const harness = trigger();
		for (const mode of ['production', 'test'] as const) {
			expect(await harness.hook('checkExists', mode)).toBe(false);
			expect(await harness.hook('create', mode)).toBe(true);
			expect(await harness.hook('delete', mode)).toBe(true);
		}
		expect(session.sim.log).toHaveLength(0);
	});

	it('needs a credential for Verify with API at activation, and none without it', async () => {
		const withoutCredential = new TriggerHarness({ parameters: {} });
		await expect(withoutCredential.hook('create')).rejects.toThrow(
			/Verify with API needs a useapi\.net credential/,
		);
		await expect(withoutCredential.hook('create', 'test')).rejects.toThrow(/credential/);

		const unverified = new TriggerHarness({ parameters: { verifyWithApi: false } });
		expect(await unverified.hook('create')).toBe(true);
	});

	it('keeps its URL and the started-events log when the workflow is re-published (delete, then create)', async () => {
		const harness = trigger();
		await harness.hook('create');
		const jobid = await submit('a quiet harbour');
		const callbacks = await finished(jobid);
		const completed = callbacks.find((callback) => callback.jobStatus === 'completed')!;

		expect((await harness.postJson(completed.body)).started).toBe(true);
		const urlBefore = harness.webhookUrl();
		await harness.hook('delete');
		expect(await harness.hook('checkExists')).toBe(false);
		await harness.hook('create');

		expect(harness.webhookUrl()).toBe(urlBefore);
		const again = await harness.postJson(completed.body);
		expect(again.started).toBe(false);
		expect(again.body).toEqual({
			status: 'ignored',
			reason: 'an execution was already started for this event',
		});
	});
});

describe('MidjourneyV3 Trigger: events', () => {
	it('fires once, on completed, with the job as the API returns it', async () => {
		const harness = trigger();
		const jobid = await submit('a cat in a hat [[ms=600]]');
		const deliveries = await deliverLive(harness, jobid);

		expect(deliveries.map((delivery) => delivery.jobStatus)).toEqual([
			'created',
			'started',
			'progress',
			'progress',
			'progress',
			'completed',
		]);
		const [fired] = starts(deliveries);
		expect(starts(deliveries)).toHaveLength(1);
		expect(fired.jobStatus).toBe('completed');
		expect(fired.response.statusCode).toBe(200);
		expect(fired.response.body).toEqual({ status: 'started', event: 'completed' });
		expect(fired.response.items).toHaveLength(1);
		const json = fired.response.items[0].json;
		expect(json).toMatchObject({
			event: 'completed',
			status: 'completed',
			jobid,
			verb: 'imagine',
			verified: true,
			progress: 100,
		});
		expect(json.imageUrls).toHaveLength(4);
		expect(json.buttons).toEqual(expect.arrayContaining(['U1', 'V1']));
		expect(json).toEqual(expect.objectContaining({ ...session.sim.jobs.get(jobid) }));

		for (const delivery of deliveries.filter((d) => d.jobStatus !== 'completed')) {
			expect(delivery.response.statusCode).toBe(200);
			expect(delivery.response.body).toEqual({
				status: 'ignored',
				reason: `event ${delivery.jobStatus} is not selected`,
			});
		}
		// Only the callback that could start anything was worth re-reading.
		expect(jobReads()).toBe(1);
	});

	it.each([
		['failed', 'a broken render [[failed]]'],
		['moderated', 'something not allowed [[moderated]]'],
	])('fires on %s by default, with the error details', async (status, prompt) => {
		const harness = trigger();
		const deliveries = await deliverLive(harness, await submit(prompt));
		const fired = starts(deliveries);
		expect(fired).toHaveLength(1);
		expect(fired[0].response.items[0].json).toMatchObject({
			event: status,
			status,
			verified: true,
		});
		expect(fired[0].response.items[0].json.error).toEqual(expect.any(String));
	});

	it('fires on created, started and every progress step when selected, once each', async () => {
		const harness = trigger({ events: ['created', 'started', 'progress'] });
		const jobid = await submit('a slow sunrise [[ms=1500]]');
		const deliveries = await deliverLive(harness, jobid);

		const fired = starts(deliveries).map((delivery) => delivery.response.items[0].json);
		expect(fired.map((json) => json.event)).toEqual([
			'created',
			'started',
			'progress',
			'progress',
			'progress',
		]);
		expect(fired.filter((json) => json.event === 'progress').map((json) => json.progress)).toEqual([
			25, 50, 75,
		]);
		expect(deliveries.at(-1)!.response.started).toBe(false);

		// The same progress callbacks delivered again start nothing.
		for (const callback of callbacksOf(jobid)) {
			expect((await harness.postJson(callback.body)).started).toBe(false);
		}
	});

	it('outputs the simplified job when asked', async () => {
		const harness = trigger({ simplify: true });
		const fired = starts(await deliverLive(harness, await submit('a red kite')));
		const json = fired[0].response.items[0].json;
		expect(Object.keys(json).sort()).toEqual(
			[
				'buttons',
				'error',
				'event',
				'imageUrls',
				'jobid',
				'progress',
				'prompt',
				'status',
				'verb',
				'verified',
				'videoUrls',
			].sort(),
		);
		expect(json).toMatchObject({ event: 'completed', prompt: 'a red kite', error: null });
	});

	it('fires for jobs that report to the channel default Reply URL (Account → Configure)', async () => {
		const configured = await session.run({
			resource: 'account',
			operation: 'configure',
			discord: DISCORD,
			maxJobs: 3,
			maxImageJobs: 3,
			maxVideoJobs: 3,
			replyUrl: sinkUrl(),
		});
		expect(configured.error).toBeUndefined();
		const channel = configured.items[0].json.channel as string;

		const harness = trigger({ filters: { channels: channel } });
		const jobid = await submit('a lighthouse', { replyUrl: '', channel });
		const fired = starts(await deliverLive(harness, jobid));
		expect(fired).toHaveLength(1);
		expect(fired[0].response.items[0].json.request).not.toHaveProperty('replyUrl');
	});
});

describe('MidjourneyV3 Trigger: filters', () => {
	async function completedBody(prompt: string, options: IDataObject = {}) {
		const callbacks = await finished(await submit(prompt, options));
		return callbacks.find((callback) => callback.jobStatus === 'completed')!.body;
	}

	it('filters by verb', async () => {
		const body = await completedBody('a violin');
		const onlyButtons = await trigger({ filters: { verbs: ['button', 'blend'] } }).postJson(body);
		expect(onlyButtons).toMatchObject({
			started: false,
			statusCode: 200,
			body: { status: 'ignored', reason: 'verb imagine is not selected' },
		});
		expect((await trigger({ filters: { verbs: ['imagine'] } }).postJson(body)).started).toBe(true);
	});

	it('filters by job type', async () => {
		const video = await completedBody('a wave breaking --video');
		expect((await trigger({ filters: { jobType: 'image' } }).postJson(video)).body).toEqual({
			status: 'ignored',
			reason: 'job type video is not image',
		});
		const fired = await trigger({ filters: { jobType: 'video' } }).postJson(video);
		expect(fired.started).toBe(true);
		expect(fired.items[0].json.videoUrls).not.toHaveLength(0);
	});

	it('filters by reply reference, exactly or by prefix', async () => {
		const body = await completedBody('a map of the sea', { replyRef: 'order-42' });
		expect((await trigger({ filters: { replyRef: 'order-42' } }).postJson(body)).started).toBe(
			true,
		);
		expect((await trigger({ filters: { replyRef: 'order-4' } }).postJson(body)).started).toBe(
			false,
		);
		expect(
			(await trigger({ filters: { replyRef: 'order-', replyRefMatch: 'prefix' } }).postJson(body))
				.started,
		).toBe(true);
		expect(
			(await trigger({ filters: { replyRef: 'invoice-', replyRefMatch: 'prefix' } }).postJson(body))
				.started,
		).toBe(false);
	});

	it('filters by channel, read from the job ID when the request names none', async () => {
		const body = await completedBody('a bridge at night');
		expect((body.request as IDataObject).channel).toBeUndefined();
		expect(body.jobid).toContain(`-c${CHANNEL}-`);
		expect(
			(await trigger({ filters: { channels: `111, ${CHANNEL}` } }).postJson(body)).started,
		).toBe(true);
		expect(
			(await trigger({ filters: { channels: '1112223334445556667' } }).postJson(body)).body,
		).toEqual({
			status: 'ignored',
			reason: `channel ${CHANNEL} is not selected`,
		});
	});
});

describe('MidjourneyV3 Trigger: authenticity', () => {
	it('starts nothing for a forged "completed" of a job that is still running', async () => {
		const harness = trigger();
		const jobid = await submit('a very slow painting [[ms=3000]]');
		await eventually(() => callbacksOf(jobid).length >= 1);
		const forged = {
			...callbacksOf(jobid)[0].body,
			status: 'completed',
			response: { imageUx: [{ id: 1, url: EVIL_URL }], buttons: ['U1'], progress_percent: 100 },
		};

		const response = await harness.postJson(forged);
		expect(response.started).toBe(false);
		expect(response.statusCode).toBe(200);
		expect(response.body).toEqual({
			status: 'ignored',
			reason: expect.stringMatching(/^event (created|started|progress) is not selected$/),
		});
		expect(jobReads()).toBe(1);
	});

	it("outputs the API's job, not the forged status and URLs in the body", async () => {
		const harness = trigger();
		const callbacks = await finished(await submit('a harbour crane'));
		const real = callbacks.find((callback) => callback.jobStatus === 'completed')!.body;
		const forged = {
			...real,
			status: 'failed',
			error: 'forged failure',
			response: { ...(real.response as IDataObject), imageUx: [{ id: 1, url: EVIL_URL }] },
		};

		const response = await harness.postJson(forged);
		expect(response.started).toBe(true);
		const json = response.items[0].json;
		expect(json).toMatchObject({ event: 'completed', status: 'completed', verified: true });
		expect(json.error).toBeUndefined();
		expect(JSON.stringify(response.items)).not.toContain(EVIL_URL);
		expect(json.imageUrls).toEqual(
			((real.response as IDataObject).imageUx as IDataObject[]).map((media) => media.url),
		);
	});

	it.each([
		['an unknown job', 'j1122334455667788990i-u12345-c1234567890123456789-bot:midjourney', 404],
		[
			'a job of another account',
			'j0101010101010101010i-u99999-c5555555555555555555-bot:midjourney',
			404,
		],
	])(
		'starts nothing for %s and answers 200 so useapi.net does not retry',
		async (_name, jobid, apiStatus) => {
			const response = await trigger().postJson({
				jobid,
				status: 'completed',
				verb: 'imagine',
				response: { imageUx: [{ id: 1, url: EVIL_URL }] },
			});
			expect(response).toMatchObject({
				started: false,
				statusCode: 200,
				body: {
					status: 'ignored',
					reason: `job not found with this credential (HTTP ${apiStatus})`,
				},
			});
			expect(jobReads()).toBe(1);
		},
	);

	it('starts nothing for an expired job (HTTP 410)', async () => {
		const callbacks = await finished(await submit('an old postcard'));
		const completed = callbacks.find((callback) => callback.jobStatus === 'completed')!;
		session.sim.expireJob(completed.jobid);
		const response = await trigger().postJson(completed.body);
		expect(response).toMatchObject({
			started: false,
			statusCode: 200,
			body: { status: 'ignored', reason: 'job not found with this credential (HTTP 410)' },
		});
	});

	it.each([
		['useapi.net is unreachable', { baseUrl: 'http://127.0.0.1:9' }],
		['the credential is rejected', { apiToken: ['wrong', 'token', '0000'].join('-') }],
	])('answers 503 and starts nothing when %s', async (_name, credential) => {
		const callbacks = await finished(await submit('a windmill'));
		const completed = callbacks.find((callback) => callback.jobStatus === 'completed')!;
		const harness = trigger(
			{},
			{ credentials: { apiToken: TOKEN, baseUrl: session.sim.url, ...credential } },
		);
		const response = await harness.postJson(completed.body);
		expect(response).toMatchObject({
			started: false,
			statusCode: 503,
			body: { error: 'Could not verify the job with useapi.net; try again later' },
		});
		expect(harness.savedStaticData).toEqual({});
		// Once useapi.net answers again, a retry of the same callback still starts the workflow.
		expect((await trigger().postJson(completed.body)).started).toBe(true);
	});

	it('trusts the body as sent with Verify with API off, and says so', async () => {
		const harness = new TriggerHarness({ parameters: { verifyWithApi: false } });
		const body = {
			jobid: 'j1122334455667788990i-u12345-c1234567890123456789-bot:midjourney',
			verb: 'imagine',
			status: 'completed',
			response: { imageUx: [{ id: 1, url: 'https://cdn.midjourney.com/a/0_0.jpeg' }] },
		};
		const response = await harness.postJson(body);
		expect(response.started).toBe(true);
		expect(response.items[0].json).toMatchObject({
			event: 'completed',
			verified: false,
			imageUrls: ['https://cdn.midjourney.com/a/0_0.jpeg'],
		});
		expect(jobReads()).toBe(0);

		const noStatus = await harness.postJson({ jobid: body.jobid, status: 'finished' });
		expect(noStatus).toMatchObject({
			started: false,
			statusCode: 400,
			body: { error: 'Body has no valid job status' },
		});
	});
});

describe('MidjourneyV3 Trigger: downloads', () => {
	it('downloads the images of a verified, completed job into binary data', async () => {
		const harness = trigger({ download: 'singles' });
		const callbacks = await finished(await submit('a harbour at dawn'));
		const response = await harness.postJson(
			callbacks.find((c) => c.jobStatus === 'completed')!.body,
		);
		expect(response.started).toBe(true);
		expect(Object.keys(response.items[0].binary ?? {})).toEqual([
			'image1',
			'image2',
			'image3',
			'image4',
		]);
		expect(response.items[0].binary!.image1.mimeType).toBe('image/png');
	});

	it('one item per image with Download Results → One Item per Image/Video', async () => {
		const harness = trigger({ download: 'split' });
		const callbacks = await finished(await submit('four kites'));
		const response = await harness.postJson(
			callbacks.find((c) => c.jobStatus === 'completed')!.body,
		);
		expect(response.items).toHaveLength(4);
		expect(response.items.every((item) => item.binary?.data)).toBe(true);
	});

	it('puts a Grid Only download in the field set in Put Output in Field', async () => {
		const harness = trigger({ download: 'grid', binaryPropertyOutput: 'picture' });
		const callbacks = await finished(await submit('a grid kite'));
		const response = await harness.postJson(
			callbacks.find((c) => c.jobStatus === 'completed')!.body,
		);
		expect(Object.keys(response.items[0].binary ?? {})).toEqual(['picture']);
		expect(response.items[0].binary!.picture.mimeType).toBe('image/png');
	});

	it('never fetches URLs from an unverified body', async () => {
		const harness = trigger({ download: 'singles', verifyWithApi: false });
		const callbacks = await finished(await submit('a forged kite'));
		const real = callbacks.find((c) => c.jobStatus === 'completed')!.body;
		const forged = {
			...real,
			response: {
				...(real.response as IDataObject),
				imageUx: [{ id: 1, url: `${session.sim.url}/cdn.midjourney.com/evil/0_0.png` }],
			},
		};
		const cdnBefore = session.sim.log.filter((r) => r.path.includes('cdn')).length;
		const response = await harness.postJson(forged);
		expect(response.started).toBe(true);
		expect(response.items[0].binary).toBeUndefined();
		expect(session.sim.log.filter((r) => r.path.includes('cdn')).length).toBe(cdnBefore);
	});

	it('still starts the workflow, with downloadError, when the download keeps failing', async () => {
		const harness = trigger({ download: 'singles' });
		const callbacks = await finished(await submit('a blocked download'));
		session.sim.setFaults({ proxy403: 100 });
		const response = await harness.postJson(
			callbacks.find((c) => c.jobStatus === 'completed')!.body,
		);
		expect(response.started).toBe(true);
		expect(response.items[0].json).toMatchObject({
			status: 'completed',
			downloadError: expect.stringMatching(/refused the download/),
		});
	});
});

describe('MidjourneyV3 Trigger: delivery', () => {
	it('starts one execution per event when useapi.net delivers each callback three times', async () => {
		session.sim.setFaults({ callbackRetries: 2, callbackRetryDelayMs: 5 });
		const harness = trigger();
		const jobids: string[] = [];
		// Two jobs: the second's log entry is saved into static data that already exists, the
		// case n8n 2.30.8 would drop without rememberStartedForExecution.
		for (const prompt of ['a paper boat', 'a paper plane']) {
			const jobid = await submit(prompt);
			jobids.push(jobid);
			await eventually(
				() =>
					callbacksOf(jobid).filter((callback) => callback.jobStatus === 'completed').length === 3,
			);
			const deliveries: Delivery[] = [];
			for (const callback of callbacksOf(jobid)) {
				deliveries.push({
					jobStatus: callback.jobStatus,
					response: await harness.postJson(callback.body),
				});
			}
			expect(deliveries.filter((delivery) => delivery.jobStatus === 'completed')).toHaveLength(3);
			expect(starts(deliveries)).toHaveLength(1);
			expect(starts(deliveries)[0].response.items[0].json.jobid).toBe(jobid);
		}
		const memory = (harness.savedStaticData['node:MidjourneyV3 Trigger'] as IDataObject)
			.handledJobs as IDataObject;
		expect(Object.keys(memory)).toHaveLength(jobids.length);
	});

	it('works while listening for a test event, without touching the saved static data', async () => {
		const harness = trigger();
		expect(await harness.hook('checkExists', 'test')).toBe(false);
		await harness.hook('create', 'test');
		const fired = starts(await deliverLive(harness, await submit('a test balloon'), 'test'));
		expect(fired).toHaveLength(1);
		expect(fired[0].response.items[0].json.event).toBe('completed');
		expect(harness.savedStaticData).toEqual({});
		await harness.hook('delete', 'test');
	});

	it('accepts a JSON body sent as text/plain', async () => {
		const callbacks = await finished(await submit('a tin robot'));
		const completed = callbacks.find((callback) => callback.jobStatus === 'completed')!;
		const response = await trigger().post({
			raw: JSON.stringify(completed.body),
			contentType: 'text/plain',
		});
		expect(response.started).toBe(true);
	});

	it.each([
		[
			'text that is not JSON',
			{ raw: 'hello there', contentType: 'text/plain' },
			400,
			'Body is not JSON',
		],
		['bytes without a content type', { raw: 'garbage{' }, 400, 'Body is not JSON'],
		['an empty body', { raw: '', contentType: 'application/json' }, 400, 'Body is not JSON'],
		[
			'a JSON array',
			{ raw: '[{"jobid":"j1"}]', contentType: 'application/json' },
			400,
			'Body is not a job object',
		],
		[
			'a JSON number',
			{ raw: '42', contentType: 'application/json' },
			400,
			'Body is not a job object',
		],
		[
			'a job without jobid',
			{ raw: '{"status":"completed"}', contentType: 'application/json' },
			400,
			'Body has no jobid',
		],
		[
			'a numeric jobid',
			{ raw: '{"jobid":42,"status":"completed"}', contentType: 'application/json' },
			400,
			'Body has no jobid',
		],
		[
			'a jobid with a path in it',
			{ raw: '{"jobid":"../../accounts","status":"completed"}', contentType: 'application/json' },
			400,
			'Body has an invalid jobid',
		],
		[
			'a body over 1 MB',
			{
				raw: JSON.stringify({
					jobid: 'j1',
					status: 'completed',
					pad: 'x'.repeat(MAX_CALLBACK_BYTES),
				}),
				contentType: 'application/json',
			},
			413,
			`Body larger than ${MAX_CALLBACK_BYTES} bytes`,
		],
	])('answers %s with a 4xx and starts nothing', async (_name, request, statusCode, error) => {
		const harness = trigger();
		const response = await harness.post(request);
		expect(response).toMatchObject({
			nodeCalled: true,
			started: false,
			statusCode,
			body: { error },
		});
		expect(response.threw).toBeUndefined();
		expect(jobReads()).toBe(0);
		expect(harness.savedStaticData).toEqual({});
	});

	it('never reaches the node with invalid JSON: n8n answers 422 itself', async () => {
		const response = await trigger().post({
			raw: '{"jobid": "j1", ',
			contentType: 'application/json',
		});
		expect(response).toMatchObject({ nodeCalled: false, started: false, statusCode: 422 });
	});

	it('answers 500 and starts nothing when a parameter cannot be read, instead of failing an execution', async () => {
		const callbacks = await finished(await submit('a clock tower'));
		const completed = callbacks.find((callback) => callback.jobStatus === 'completed')!;
		const response = await trigger({ events: '={{ $json.body.jobid.toUpperCase( }}' }).postJson(
			completed.body,
		);
		expect(response).toMatchObject({
			started: false,
			statusCode: 500,
			body: { error: 'The trigger could not handle this callback' },
		});
		expect(response.threw).toBeUndefined();
	});

	it('never shows the API token in answers, outputs or saved data', async () => {
		const harness = trigger({ events: ['created', 'started', 'progress', 'completed'] });
		const deliveries = await deliverLive(harness, await submit('a glass castle [[ms=600]]'));
		const failing = trigger(
			{},
			{ credentials: { apiToken: TOKEN, baseUrl: 'http://127.0.0.1:9' } },
		);
		const failed = await failing.postJson(deliveries.at(-1)!.response.items[0]?.json ?? {});
		const visible = JSON.stringify({
			deliveries: deliveries.map((delivery) => ({
				body: delivery.response.body,
				items: delivery.response.items,
			})),
			failed: failed.body,
			saved: harness.savedStaticData,
		});
		expect(starts(deliveries).length).toBeGreaterThan(0);
		expect(visible).not.toContain(TOKEN);
	});
});

describe('withDeadline', () => {
	it('gives the value when it comes in time, undefined when it does not', async () => {
		expect(await withDeadline(Promise.resolve('fast'), 1000)).toBe('fast');
		expect(
			await withDeadline(
				sleep(300).then(() => 'slow'),
				20,
			),
		).toBeUndefined();
		await expect(withDeadline(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
	});
});

describe('static data saving around the start of an execution (n8n 2.30.8)', () => {
	const nodeTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [], inputs: [], outputs: [] } }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const node = {
		id: 'n',
		name: 'T',
		type: 't',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;

	/** The webhook's workflow over `loaded`, the log change, then WorkflowRunner.run()'s Workflow over the same object. */
	async function changedAfterStart(
		remember: (staticData: IDataObject, key: string, stage: number) => void,
		loaded: IDataObject,
	) {
		const webhookWorkflow = new Workflow({
			id: 'w',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: loaded,
		});
		remember(webhookWorkflow.getStaticData('node', node), 'job', 103);
		new Workflow({
			id: 'w',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: loaded,
		});
		await sleep(2);
		return webhookWorkflow.staticData.__dataChanged;
	}

	it('loses a plain change to existing static data, and keeps the one marked again after the start', async () => {
		const existing = () => ({ 'node:T': { handledJobs: { older: 20_000_103 } } });
		expect(await changedAfterStart(rememberHandled, existing())).toBe(false);
		expect(await changedAfterStart(rememberHandledForExecution, existing())).toBe(true);
	});
});
