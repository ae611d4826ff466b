'use strict';
/**
 * The Legnext package (packages/midjourney-legnext, n8n-nodes-midjourney-legnext) in a real n8n
 * (N8N_VERSION: run at both ends of the range), installed alone as n8n's installer does, against
 * the Legnext simulator (tools/simulator-legnext) in this process. One n8n for the file.
 *   - every operation in one workflow: an imagine, then each image follow-up, blend, describe and
 *     shorten on it, Animate on it and the two video follow-ups on Animate's job, Job → Get and
 *     Account → Get Balance: one POST each, to its endpoint, naming the right parent job; an
 *     upscaled image and four videos as binary;
 *   - a 30-item batch while Legnext allows 3 jobs at a time and answers 429 above that: 30 jobs,
 *     each prompt POSTed once (a 429 creates nothing), the output in input order with pairedItem,
 *     every item's four images as binary;
 *   - n8n's Retry On Fail (3 tries): the first submit Legnext accepts loses its answer (the job
 *     exists, the node never learns its id) and another item's job fails: n8n runs the node again,
 *     every try follows what the first one created and never resubmits the lost one; each prompt
 *     is POSTed once;
 *   - the Trigger on a published workflow: a job submitted with Don't Wait and the trigger's
 *     Production URL as Callback URL starts one execution; the same callback replayed, a callback
 *     naming a job Legnext does not know, and one claiming a running job is completed start none;
 *   - the API key appears in no execution, workflow, log or simulator record.
 * The AI Agent tool is in ai-agent-tools.e2e.test.js (beside the other packages' tools).
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startN8n, N8N_VERSION } = require('../../tools/n8n/n8n');
const { packPackage, packageDir } = require('../../tools/n8n/pack');
const { loadExample, prepareWorkflow, triggerUrl, LEGNEXT_PLACEHOLDER_ID } = require('../../tools/n8n/examples');
const { waitFor, delay } = require('../../tools/n8n/stack');
const { assertNoTokenLeak } = require('../../tools/n8n/hygiene');

const { startLegnextSimulator } = require(path.join(__dirname, '..', '..', 'tools', 'simulator-legnext'));

const NODE = 'n8n-nodes-midjourney-legnext.midjourneyLegnext';
const CREDENTIAL_NAME = 'Midjourney (Legnext) API';
const TASK_POST = /^\/api\/v1\/(?!job\/)/;
const IMAGES = ['image1', 'image2', 'image3', 'image4'];

const apiKey = `e2e-legnext-${crypto.randomBytes(12).toString('hex')}`;
let n8n;
let sim;
let credential;

beforeAll(async () => {
	const tarball = await packPackage({ packageDir: packageDir('midjourney-legnext') });
	sim = await startLegnextSimulator({ key: apiKey, jobDurationMs: 1000 });
	try {
		n8n = await startN8n({ name: 'legnext', packageTarballs: [tarball] });
	} catch (e) {
		await sim.close();
		throw e;
	}
	const created = await n8n.createCredential('midjourneyLegnextApi', CREDENTIAL_NAME, { apiToken: apiKey, baseUrl: sim.url });
	credential = { id: String(created.id), name: CREDENTIAL_NAME };
});
afterAll(async () => {
	await n8n?.stop();
	await sim?.close();
});

/** Task-creating POSTs (every one a paid job when Legnext accepts it), optionally for one text. */
const taskPosts = (text) =>
	sim.log.filter((r) => r.method === 'POST' && TASK_POST.test(r.path) && (text === undefined || r.body?.text === text));

/** Manual Trigger → Code (one item per prompt) → Midjourney (Legnext) imagine. */
function batchWorkflow(name, prompts, node) {
	return {
		name,
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'Prompts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(prompts.map((prompt) => ({ json: { prompt } })))};` },
			},
			{
				id: 'c',
				name: 'Imagine',
				type: NODE,
				typeVersion: 1,
				position: [400, 0],
				credentials: { midjourneyLegnextApi: credential },
				...node,
				parameters: {
					resource: 'image',
					operation: 'imagine',
					prompt: '={{ $json.prompt }}',
					simplify: true,
					...node.parameters,
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Imagine', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A Midjourney (Legnext) node for the every-operation workflow. */
function legnextNode(name, x, y, parameters) {
	return {
		id: name,
		name,
		type: NODE,
		typeVersion: 1,
		position: [x, y],
		credentials: { midjourneyLegnextApi: credential },
		parameters: { waitMode: 'poll', simplify: true, download: 'none', options: { pollInterval: 0.2 }, ...parameters },
	};
}

const PARENT = "={{ $('Imagine').item.json.jobid }}";
/** Every operation of the node: [name, parameters, the request it must send (path), what it reads from]. */
const OPERATIONS = [
	['Upscale', { resource: 'image', operation: 'upscale', jobId: PARENT, imageNo: 1, type: 0, download: 'singles' }, '/api/v1/upscale'],
	['Variation', { resource: 'image', operation: 'variation', jobId: PARENT, imageNo: 2, type: 1, remixPrompt: 'more fog' }, '/api/v1/variation'],
	['Reroll', { resource: 'image', operation: 'reroll', jobId: PARENT }, '/api/v1/reroll'],
	['Pan', { resource: 'image', operation: 'pan', jobId: PARENT, imageNo: 0, direction: 3, scale: 1.5 }, '/api/v1/pan'],
	['Outpaint', { resource: 'image', operation: 'outpaint', jobId: PARENT, imageNo: 0, scale: 2 }, '/api/v1/outpaint'],
	['Inpaint', { resource: 'image', operation: 'inpaint', jobId: PARENT, imageNo: 0, maskSource: 'areas', remixPrompt: 'a red door' }, '/api/v1/inpaint'],
	['Remix', { resource: 'image', operation: 'remix', jobId: PARENT, imageNo: 3, remixPrompt: 'in winter', mode: 1 }, '/api/v1/remix'],
	['Edit', { resource: 'image', operation: 'edit', jobId: PARENT, imageNo: 0, remixPrompt: 'a wider harbour' }, '/api/v1/edit'],
	['Blend', { resource: 'image', operation: 'blend', imageUrls: "={{ $('Imagine').item.json.imageUrls.slice(0, 2).join('\\n') }}", aspectRatio: '3:2' }, '/api/v1/blend'],
	['Describe', { resource: 'image', operation: 'describe', imageUrl: "={{ $('Imagine').item.json.imageUrls[0] }}" }, '/api/v1/describe'],
	['Shorten', { resource: 'image', operation: 'shorten', prompt: 'a very long and winding description of a quiet harbour at dawn' }, '/api/v1/shorten'],
	['Animate', { resource: 'video', operation: 'animate', source: 'job', jobId: PARENT, imageNo: 0, prompt: 'slow pan', videoType: 0, download: 'singles' }, '/api/v1/video-diffusion'],
	['Extend', { resource: 'video', operation: 'extend', jobId: "={{ $('Animate').item.json.jobid }}", videoNo: 1 }, '/api/v1/extend-video'],
	['Video Upscale', { resource: 'video', operation: 'upscale', jobId: "={{ $('Animate').item.json.jobid }}", videoNo: 0 }, '/api/v1/video-upscale'],
	['Get Job', { resource: 'job', operation: 'get', jobId: PARENT }, null],
	['Get Balance', { resource: 'account', operation: 'getBalance' }, null],
];

test(`n8n ${N8N_VERSION}: every operation runs, each follow-up on the imagine (or video) job it names, one POST each`, async () => {
	// edit is for whitelisted accounts: this simulated account is one
	sim.configure({ jobDurationMs: 300, disabledFeatures: [] });
	try {
		const nodes = [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			legnextNode('Imagine', 200, 0, { resource: 'image', operation: 'imagine', prompt: 'a quiet harbour at dawn' }),
			...OPERATIONS.map(([name, parameters], i) => legnextNode(name, 400 + 200 * (i % 4), 200 * Math.floor(i / 4), parameters)),
		];
		// Start → Imagine → every operation but the two video follow-ups, which come after Animate
		const after = (name) => (['Extend', 'Video Upscale'].includes(name) ? 'Animate' : 'Imagine');
		const connections = { Start: { main: [[{ node: 'Imagine', type: 'main', index: 0 }]] } };
		for (const [name] of OPERATIONS) {
			const from = (connections[after(name)] ??= { main: [[]] });
			from.main[0].push({ node: name, type: 'main', index: 0 });
		}
		const id = await n8n.importWorkflow({ name: 'e2e: every Legnext operation', nodes, connections, settings: { executionOrder: 'v1' } });
		const logStart = sim.log.length;
		const run = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
		expect({ status: run.status, error: run.error?.message }).toEqual({ status: 'success', error: undefined });

		const [imagine] = run.output('Imagine');
		const posts = sim.log.slice(logStart).filter((r) => r.method === 'POST');
		const [animate] = run.output('Animate');
		for (const [name, parameters, path] of OPERATIONS) {
			const [out] = run.output(name) ?? [];
			if (!path) continue;
			const sent = posts.filter((r) => r.path === path);
			expect({ name, posts: sent.length, status: out?.status }).toEqual({ name, posts: 1, status: 'completed' });
			expect(out.jobid).toBe(sent[0].jobId);
			const parent = parameters.resource === 'video' && name !== 'Animate' ? animate.jobid : imagine.jobid;
			if (sent[0].body.jobId !== undefined) expect({ name, parent: sent[0].body.jobId }).toEqual({ name, parent });
		}
		expect(posts).toHaveLength(1 + OPERATIONS.filter(([, , path]) => path).length);
		expect(posts.find((r) => r.path === '/api/v1/upscale').body).toEqual({ jobId: imagine.jobid, imageNo: 1, type: 0 });
		expect(posts.find((r) => r.path === '/api/v1/pan').body).toMatchObject({ direction: 3, scale: 1.5, imageNo: 0 });
		expect(posts.find((r) => r.path === '/api/v1/blend').body).toEqual({ imgUrls: imagine.imageUrls.slice(0, 2), aspect_ratio: '3:2' });
		expect(posts.find((r) => r.path === '/api/v1/inpaint').body.mask.areas).toHaveLength(1);

		// results: an image as binary, four videos as binary, texts for describe and shorten
		const [upscaled] = run.items('Upscale');
		expect(Object.keys(upscaled.binary)).toEqual(['image1']);
		const [videos] = run.items('Animate');
		expect(Object.keys(videos.binary).sort()).toEqual(['video1', 'video2', 'video3', 'video4']);
		expect(videos.binary.video1.mimeType).toBe('video/mp4');
		expect(run.output('Describe')[0].prompts.length).toBeGreaterThan(0);
		expect(run.output('Shorten')[0].prompts.length).toBeGreaterThan(0);
		expect(run.output('Get Job')[0]).toMatchObject({ jobid: imagine.jobid, status: 'completed' });
		expect(run.output('Get Balance')[0]).toMatchObject({ available_points: expect.any(Number), balance_usd: expect.any(Number) });
	} finally {
		sim.configure({ jobDurationMs: 1000, disabledFeatures: ['edit'] });
	}
});

test(`n8n ${N8N_VERSION}: a 30-item batch while Legnext runs 3 jobs at a time and answers 429 above: 30 jobs, no prompt POSTed twice, input order, binary results`, async () => {
	sim.configure({ concurrency: 3, overLimit: '429' });
	try {
		// different durations, so jobs finish out of input order
		const prompts = Array.from({ length: 30 }, (_, i) => `batch ${i} [[ms=${300 + 150 * (i % 4)}]]`);
		const id = await n8n.importWorkflow(
			batchWorkflow('e2e: Legnext batch of 30', prompts, {
				parameters: {
					download: 'singles',
					options: { pollInterval: 0.3, busyRetryMinSeconds: 0.2, busyRetryMaxSeconds: 0.5 },
				},
			}),
		);
		const tasksBefore = sim.tasks.size;
		const run = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
		expect({ status: run.status, error: run.error?.message }).toEqual({ status: 'success', error: undefined });

		const items = run.items('Imagine');
		expect(items.map((i) => i.json.prompt)).toEqual(prompts);
		expect(items.map((i) => i.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
		for (const { json, binary } of items) {
			expect(json.status).toBe('completed');
			expect(Object.keys(binary ?? {}).sort()).toEqual(IMAGES);
			for (const name of IMAGES) expect(binary[name].mimeType).toBe('image/png');
		}
		expect(new Set(items.map((i) => i.json.jobid)).size).toBe(30);

		// 429s happened, created nothing, and every prompt was accepted exactly once
		const posts = taskPosts().filter((r) => prompts.includes(r.body?.text));
		expect(posts.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		const accepted = posts.filter((r) => r.status === 200).map((r) => r.body.text);
		expect(accepted.sort()).toEqual([...prompts].sort());
		expect(sim.tasks.size - tasksBefore).toBe(30);
		expect(sim.stats().maxConcurrent).toBeLessThanOrEqual(3);
	} finally {
		sim.configure({ concurrency: 6 });
	}
});

test("n8n's Retry On Fail (3 tries): a failed job and a lost submit answer make n8n run the node again, yet each prompt is POSTed once", async () => {
	// the first prompt's submit is normally the one that loses its answer (the first to arrive)
	const prompts = ['retry lost harbour [[ms=600]]', 'retry doomed harbour [[failed]] [[ms=600]]', 'retry fine harbour [[ms=600]]'];
	const id = await n8n.importWorkflow(
		batchWorkflow('e2e: Legnext retry on fail', prompts, {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 1000,
			parameters: { download: 'none', options: { pollInterval: 0.3 } },
		}),
	);
	const tasksBefore = sim.tasks.size;
	// the first submit Legnext accepts loses its answer: the job exists, the node never learns its id
	sim.setFaults({ submitAnswers: ['cut'] });
	const run = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
	expect(run.status).toBe('error');
	// the lost submit is reported, not sent again, with where to look for the job
	expect(run.error?.message).toMatch(/lost the answer/);
	expect(run.error?.description).toMatch(/does not submit it again/);
	expect(run.error?.description).toMatch(/task history on legnext\.ai/);

	expect(prompts.map((p) => taskPosts(p).length)).toEqual([1, 1, 1]);
	const posts = prompts.map((p) => taskPosts(p)[0]);
	expect(posts.filter((r) => r.lostAnswer === 'cut')).toHaveLength(1);
	expect(sim.tasks.size - tasksBefore).toBe(3);

	// n8n did run the node again: the jobs it knew were read on the later tries, after its 1 s waits
	const known = posts.filter((r) => !r.lostAnswer).map((r) => `/api/v1/job/${r.jobId}`);
	const reads = sim.log.filter((r) => r.method === 'GET' && known.includes(r.path)).map((r) => r.t);
	const waits = reads.slice(1).filter((t, i) => t - reads[i] >= 900);
	expect(waits.length).toBeGreaterThanOrEqual(2);
});

describe('the Trigger on a published workflow', () => {
	let triggerId;
	let url;
	const started = () => n8n.executions({ workflowId: triggerId });
	const post = (body) =>
		fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

	beforeAll(async () => {
		const credentials = { [LEGNEXT_PLACEHOLDER_ID]: credential };
		const trigger = loadExample('midjourney-legnext/05a');
		triggerId = await n8n.importWorkflow(prepareWorkflow(trigger, { credentials, webhookUrl: n8n.webhookUrl }));
		await n8n.activate(triggerId);
		url = triggerUrl(trigger, n8n.webhookUrl);
	});
	afterAll(async () => {
		if (triggerId) await n8n.deactivate(triggerId).catch(() => {});
	});

	test("a job submitted with Don't Wait and the trigger's URL as Callback URL starts one execution, with the job's images", async () => {
		const id = await n8n.importWorkflow(
			batchWorkflow('e2e: Legnext job for the trigger', ['a single kite [[ms=800]]'], {
				parameters: { waitMode: 'none', options: { replyUrl: url } },
			}),
		);
		const run = await n8n.runWorkflow(id);
		expect(run.status).toBe('success');
		const [created] = run.output('Imagine');
		expect(created.status).toBe('created');
		await waitFor(
			() => sim.callbacks.find((c) => c.jobId === created.jobid && c.jobStatus === 'completed' && c.status !== undefined),
			{ timeoutMs: 30_000, what: 'the completed callback' },
		);
		const [execution] = await waitFor(async () => {
			const list = await started();
			return list.length && list.every((e) => e.status !== 'running' && e.status !== 'new') && list;
		}, { timeoutMs: 30_000, what: 'the trigger execution' });
		const exec = await n8n.getExecution(execution.id);
		expect(exec.status).toBe('success');
		const [item] = exec.items('Legnext callback');
		expect(item.json).toMatchObject({ jobid: created.jobid, status: 'completed' });
		expect(Object.keys(item.binary).sort()).toEqual(IMAGES);
		// the callbacks for staged and processing were answered too, and started nothing (Events: Completed, Failed)
		const callbacks = sim.callbacks.filter((c) => c.jobId === created.jobid);
		expect(callbacks.map((c) => c.jobStatus)).toEqual(expect.arrayContaining(['processing', 'completed']));
		expect(callbacks.every((c) => c.url === url && c.status === 200)).toBe(true);
		await delay(1000);
		expect(await started()).toHaveLength(1);
	});

	test('the same callback replayed, one naming a job Legnext does not know, and one claiming a running job is done start nothing', async () => {
		const before = (await started()).length;
		const delivered = sim.callbacks.find((c) => c.jobStatus === 'completed' && c.url === url);
		expect(delivered).toBeDefined();
		// a job that is still running (submitted directly, no callback)
		const res = await fetch(`${sim.url}/api/v1/diffusion`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
			body: JSON.stringify({ text: 'a slow comet [[ms=20000]]' }),
		});
		const running = await res.json();
		const unknown = { ...delivered.body.data, job_id: crypto.randomUUID() };
		const claimed = { ...delivered.body.data, job_id: running.job_id };
		const answers = [];
		answers.push((await post(delivered.body)).status);
		answers.push((await post({ timestamp: Date.now(), data: unknown })).status);
		answers.push((await post({ timestamp: Date.now(), data: claimed })).status);
		expect(answers.every((s) => s < 500)).toBe(true);
		await delay(2500);
		expect(await started()).toHaveLength(before);
		// the forged ones were checked with Legnext: a read of each job named
		const reads = sim.log.filter((r) => r.method === 'GET').map((r) => r.path);
		expect(reads).toEqual(expect.arrayContaining([`/api/v1/job/${unknown.job_id}`, `/api/v1/job/${running.job_id}`]));
		expect(sim.tasks.get(running.job_id).status).not.toBe('completed');
	});
});

test("the API key is in no execution, workflow, n8n log, database or simulator record", async () => {
	await assertNoTokenLeak({ n8n, sim, token: apiKey }, { minExecutions: 4, checkUsed: false });
	expect(sim.log.some((r) => r.status === 200 && r.path.startsWith('/api/v1/'))).toBe(true);
});
