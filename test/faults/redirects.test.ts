import type { IDataObject } from 'n8n-workflow';

import { MidjourneyV1ProfileApi } from '../../packages/midjourney-v1-api/credentials/MidjourneyV1ProfileApi.credentials';
import { UseApiMidjourneyApi } from '../../credentials/UseApiMidjourneyApi.credentials';
import { UseApiMidjourneyDiscordApi } from '../../credentials/UseApiMidjourneyDiscordApi.credentials';
import type { NodeName, RunNodeResult } from '../../tools/harness/runNode';
import { loadOptions, runNode } from '../../tools/harness/runNode';
import { testCredential } from '../../tools/harness/testCredential';
import { startV1Simulator } from '../../tools/simulator-v1';
import { startV2Simulator } from '../../tools/simulator-v2';
// node:http is off limits to the package's TypeScript (lint): the two origins are plain JavaScript.
import { secretsSeen, startRedirectScene } from '../helpers/redirectingFront';
import { TOKEN, eventually } from '../helpers/simulatorSession';
import { V1_TOKEN } from '../../packages/midjourney-v1-api/test/v1Session';
import { V2_TOKEN } from '../legacy/legacySession';
import { DISCORD, imagine, useFaultSession } from './faultSession';

// The API answers with a redirect to another origin: whatever the request, the token (or the
// Discord token of Account → Configure) never reaches it. Same-origin redirects are followed.
const STATUSES = [301, 302, 307, 308];
const SECRETS = [TOKEN, DISCORD, V1_TOKEN, V2_TOKEN];

type RedirectRule = (
	method: string,
	path: string,
	again: boolean,
	query: URLSearchParams,
) => { status: number; sameOrigin?: boolean; location?: string } | undefined;

interface RedirectScene {
	frontUrl: string;
	recorderUrl: string;
	/** Every request that reached the second origin. */
	seen: Array<{ method: string; url: string }>;
	/** The redirects the front answered. */
	redirects: Array<{ method: string; path: string; status: number }>;
	rule: RedirectRule;
	/** Where both origins pass requests on to: the simulator. */
	target: string;
	close(): Promise<void>;
}

let scene: RedirectScene;
const simOptions: IDataObject = { jobDurationMs: 150, progressSteps: 3 };
beforeAll(async () => {
	scene = (await startRedirectScene()) as unknown as RedirectScene;
	// Media URLs of jobs point at the front too, so downloads can be redirected.
	simOptions.publicUrl = scene.frontUrl;
});
afterAll(async () => await scene.close());
beforeEach(() => {
	scene.seen.length = 0;
	scene.redirects.length = 0;
	scene.rule = () => undefined;
});

/** Redirects the requests whose method and path match, every time. */
function redirect(
	method: string,
	path: RegExp,
	status: number,
	location?: (q: URLSearchParams) => string,
): RedirectRule {
	return (m, p, _again, query) =>
		m === method && path.test(p) ? { status, location: location?.(query) } : undefined;
}

/** The route of a cdnUrl the proxy was asked for: a CDN redirects to the file itself. */
const toCdnFile = (query: URLSearchParams) => new URL(query.get('cdnUrl') ?? '').pathname;

function expectNoSecretSent(): void {
	expect(scene.redirects.length).toBeGreaterThan(0);
	expect(secretsSeen(scene, SECRETS)).toEqual([]);
}

/** An API call the node cannot follow: a clear error naming the redirect, not a leak. */
function expectRefusedRedirect(result: RunNodeResult): void {
	expect(result.error?.message ?? String(result.items[0]?.json.error)).toMatch(/redirect/i);
}

describe('MidjourneyV3 (useapi.net v3)', () => {
	const session = useFaultSession(simOptions);
	beforeAll(() => (scene.target = session.sim.url));
	const run = async (parameters: IDataObject, extra: IDataObject = {}) =>
		await session.run(parameters, { baseUrl: scene.frontUrl, ...extra });

	async function createdJob(prompt: string): Promise<string> {
		const created = await run(imagine(prompt, 'none'));
		return created.items[0].json.jobid as string;
	}

	async function completedImageUrl(): Promise<string> {
		const done = await run(imagine('a finished fox'));
		return (done.items[0].json.imageUrls as string[])[0];
	}

	describe.each(STATUSES)('HTTP %i to another origin', (status) => {
		it('Job → Get', async () => {
			const jobid = await createdJob('read me');
			scene.rule = redirect('GET', /^\/v3\/midjourney\/jobs\/.+/, status);
			const result = await run({ resource: 'job', operation: 'get', jobId: jobid });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Job → List Running', async () => {
			scene.rule = redirect('GET', /^\/v3\/midjourney\/jobs$/, status);
			const result = await run({ resource: 'job', operation: 'listRunning' });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Job → Cancel', async () => {
			const jobid = await createdJob('cancel me [[ms=5000]]');
			scene.rule = redirect('DELETE', /^\/v3\/midjourney\/jobs\/.+/, status);
			const result = await run({ resource: 'job', operation: 'cancel', jobId: jobid });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it.each(['stream', 'poll', 'none'])('Job → Imagine, %s: the submit', async (waitMode) => {
			scene.rule = redirect('POST', /^\/v3\/midjourney\/jobs\/imagine$/, status);
			const result = await run(imagine('a redirected fox', waitMode));
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Job → Imagine, Poll: the reads', async () => {
			scene.rule = redirect('GET', /^\/v3\/midjourney\/jobs\/.+/, status);
			await run(imagine('a polled fox', 'poll'));
			expectNoSecretSent();
		});

		it('Stop: the DELETE that cancels the running job', async () => {
			scene.rule = redirect('DELETE', /^\/v3\/midjourney\/jobs\/.+/, status);
			const result = await run(imagine('stop me [[ms=5000]]', 'stream'), { cancelAfterMs: 400 });
			expect(result.status).toBe('canceled');
			// The cleanup DELETE goes out after n8n marked the execution cancelled.
			await eventually(() => scene.redirects.length > 0);
			// A followed DELETE reaches the second origin moments later (none does once fixed).
			await eventually(() => scene.seen.length > 0, 500).catch(() => undefined);
			expectNoSecretSent();
		});

		it('Media → Download through the proxy: follows the CDN redirect without the token', async () => {
			const url = await completedImageUrl();
			scene.rule = redirect('GET', /^\/v1\/proxy\/cdn-midjourney$/, status, toCdnFile);
			const result = await run({
				resource: 'media',
				operation: 'download',
				url,
				downloadVia: 'proxy',
				binaryPropertyName: 'data',
			});
			expectNoSecretSent();
			expect(result.error).toBeUndefined();
			expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'image/png' });
		});

		it('Download Results through the proxy: follows the CDN redirect without the token', async () => {
			scene.rule = redirect('GET', /^\/v1\/proxy\/cdn-midjourney$/, status, toCdnFile);
			const result = await run(
				imagine('a downloaded fox', 'stream', { downloadVia: 'proxy' }, { download: 'singles' }),
			);
			expectNoSecretSent();
			expect(result.error).toBeUndefined();
			expect(Object.keys(result.items[0].binary ?? {})).toEqual([
				'image1',
				'image2',
				'image3',
				'image4',
			]);
		});

		it('Account → Configure: the Discord token in the body', async () => {
			scene.rule = redirect('POST', /^\/v3\/midjourney\/accounts$/, status);
			const result = await run({
				resource: 'account',
				operation: 'configure',
				maxJobs: 3,
				maxImageJobs: 3,
				maxVideoJobs: 3,
				replyUrl: '',
			});
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('the channel dropdown', async () => {
			scene.rule = redirect('GET', /^\/v3\/midjourney\/accounts$/, status);
			await loadOptions('getChannelsOrAny', {
				parameters: {},
				credentials: { apiToken: TOKEN, baseUrl: scene.frontUrl },
			}).catch((error: Error) => error);
			expectNoSecretSent();
		});

		it('the credential test', async () => {
			scene.rule = redirect('GET', /^\/v3\/midjourney\/jobs$/, status);
			const result = await testCredential(new UseApiMidjourneyApi(), {
				apiToken: TOKEN,
				baseUrl: scene.frontUrl,
			});
			expectNoSecretSent();
			expect(result.status).toBe('Error');
		});
	});

	it('a same-origin redirect is followed, with the token', async () => {
		const jobid = await createdJob('read me once more');
		scene.rule = (method, path, again) =>
			method === 'GET' && path.startsWith('/v3/midjourney/jobs/') && !again
				? { status: 307, sameOrigin: true }
				: undefined;
		const result = await run({ resource: 'job', operation: 'get', jobId: jobid });
		expect(scene.redirects).toHaveLength(1);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.jobid).toBe(jobid);
	});

	it('a same-origin redirect loop ends with a clear error', async () => {
		const jobid = await createdJob('loop me');
		scene.rule = (method, path) =>
			method === 'GET' && path.startsWith('/v3/midjourney/jobs/')
				? { status: 302, sameOrigin: true }
				: undefined;
		const result = await run({ resource: 'job', operation: 'get', jobId: jobid });
		expect(result.error?.message).toMatch(/redirect/i);
		expect(scene.redirects.length).toBeLessThanOrEqual(6);
	});
});

/** Another API's simulator behind the front, and its node to run there. */
function useOtherApi(
	start: (options: IDataObject) => Promise<{ url: string; close(): Promise<void> }>,
	token: string,
	node: NodeName,
) {
	let sim: { url: string; close(): Promise<void> };
	beforeAll(async () => {
		sim = await start({ port: 0, token, jobDurationMs: 150, publicUrl: scene.frontUrl });
	});
	beforeEach(() => (scene.target = sim.url));
	afterAll(async () => await sim.close());
	return async (parameters: IDataObject) =>
		await runNode({
			node,
			parameters: { resource: 'job', ...parameters },
			credentials: { apiToken: token, baseUrl: scene.frontUrl },
		});
}

describe('Midjourney /v1 API (/v1)', () => {
	const run = useOtherApi(startV1Simulator, V1_TOKEN, 'midjourneyV1Api');

	describe.each(STATUSES)('HTTP %i to another origin', (status) => {
		it('Job → Get', async () => {
			const created = await run({ operation: 'imagine', prompt: 'a v1 fox', waitMode: 'none' });
			scene.rule = redirect('GET', /^\/v1\/jobs\/.+/, status);
			const result = await run({ operation: 'get', jobId: created.items[0].json.jobid });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Job → Imagine: the submit', async () => {
			scene.rule = redirect('POST', /^\/v1\/imagine$/, status);
			const result = await run({ operation: 'imagine', prompt: 'a v1 fox', waitMode: 'poll' });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Download Results: the CDN redirect is followed without the key', async () => {
			scene.rule = (method, path) =>
				method === 'GET' && !path.startsWith('/v1/') ? { status } : undefined;
			const result = await run({
				operation: 'imagine',
				prompt: 'a v1 fox',
				waitMode: 'poll',
				download: 'singles',
			});
			expectNoSecretSent();
			expect(result.error).toBeUndefined();
		});

		it('the credential test', async () => {
			scene.rule = redirect('GET', /^\/v1\/jobs$/, status);
			const result = await testCredential(new MidjourneyV1ProfileApi(), {
				apiToken: V1_TOKEN,
				baseUrl: scene.frontUrl,
			});
			expectNoSecretSent();
			expect(result.status).toBe('Error');
		});
	});
});

describe('Midjourney v2 (Legacy)', () => {
	const run = useOtherApi(startV2Simulator, V2_TOKEN, 'midjourneyLegacy');

	describe.each(STATUSES)('HTTP %i to another origin', (status) => {
		it('Job → Imagine: the submit', async () => {
			scene.rule = redirect('POST', /^\/v2\/jobs\/imagine$/, status);
			const result = await run({ operation: 'imagine', prompt: 'a v2 fox' });
			expectNoSecretSent();
			expectRefusedRedirect(result);
		});

		it('Job → Imagine: the reads', async () => {
			scene.rule = redirect('GET', /^\/v2\/jobs\/?$/, status);
			await run({ operation: 'imagine', prompt: 'a v2 fox' });
			expectNoSecretSent();
		});
	});
});

describe('the Discord credential', () => {
	it('its test request does not follow redirects (discord.com is fixed, so it is checked as declared)', () => {
		expect(new UseApiMidjourneyDiscordApi().test.request.disableFollowRedirect).toBe(true);
	});
});
