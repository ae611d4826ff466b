'use strict';
/**
 * The package in n8n's queue mode (EXECUTIONS_MODE=queue): main + 2 workers (concurrency 2) +
 * 1 webhook processor, Redis and Postgres, one user folder with the packed package, against the
 * useapi.net simulator. WEBHOOK_URL is the webhook processor's, so production webhooks and the
 * resume URLs of paused executions reach it; main serves production webhooks too (n8n's default),
 * which the last duplicate-callback measurement uses as a second webhook process.
 *
 * Proves:
 *  1. the package loads in every process: main lists its node types, the trigger's own code
 *     answers on the webhook processor, and both workers run its node (4 overlapping executions
 *     on 2 workers of concurrency 2); no process logs a package load failure;
 *  2. a Stream batch started by a production webhook runs on a worker, not on main, with exactly
 *     one job POST per item, in input order;
 *  3. Pause Until Callback: the resume URL is the webhook processor's; the callbacks posted there
 *     resume the execution on a worker;
 *  4. the MidjourneyV3 Trigger on an active workflow: callbacks posted to the webhook processor
 *     start one execution per job, on workers;
 *  5. simultaneous copies of one callback to the one webhook processor start exactly one execution;
 *     the same copies split between the webhook processor and main are measured (printed) and
 *     bounded: at most one execution per process, and a later re-delivery starts nothing;
 *  6. Pause Until Callback after SIGKILL of the worker that paused it: the other worker resumes it,
 *     no job is submitted twice (last, so no restart is needed).
 * Run: npm run test:e2e:queue   (N8N_VERSION=2.30.8 for the oldest supported n8n)
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startQueueCluster } = require('../../../tools/n8n/queue');
const { packPackage } = require('../../../tools/n8n/pack');
const { waitFor, delay } = require('../../../tools/n8n/stack');
const { N8N_VERSION } = require('../../../tools/n8n/n8n');
const { webhookImagineWorkflow: imagineWorkflow } = require('../../../tools/n8n/workflows');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const { startSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator'));

const API = '/v3/midjourney';
const PKG = 'n8n-nodes-useapi-midjourney';
const NODE_TYPE = `${PKG}.midjourney`;
const TRIGGER_TYPE = `${PKG}.midjourneyTrigger`;
const FINAL = ['success', 'error', 'crashed', 'canceled'];
const CHANNEL = '1234567890123456789';

let sim;
let cluster;
let main;
let credential;
let token;
const figures = [];
const t0 = Date.now();

beforeAll(async () => {
	token = `e2e-tok-${crypto.randomBytes(12).toString('hex')}`;
	const packageTarball = await packPackage();
	// one channel with room for 12 image jobs: overlapping executions never wait for a slot
	sim = await startSimulator({
		port: 0,
		token,
		jobDurationMs: 1500,
		channels: [{ channel: CHANNEL, discord: 'MTIfake...xyz', maxJobs: 12, maxImageJobs: 12, maxVideoJobs: 3 }],
	});
	const bootStart = Date.now();
	cluster = await startQueueCluster({ name: 'queue', packageTarball, workers: 2, concurrency: 2 });
	figures.push(`cluster boot ${((Date.now() - bootStart) / 1000).toFixed(0)} s`);
	main = cluster.main;
	const created = await main.createCredential('useApiMidjourneyApi', 'useapi.net API', { apiToken: token, baseUrl: sim.url });
	credential = { id: String(created.id), name: 'useapi.net API' };
});

afterAll(async () => {
	try {
		await cluster?.stop();
	} finally {
		await sim?.close();
		figures.push(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
		console.log(`[queue] n8n ${N8N_VERSION}: ${figures.join('; ')}`);
	}
});

// ---------------------------------------------------------------------------------------------
// workflows

const uuid = () => crypto.randomUUID();
const tag = () => crypto.randomBytes(4).toString('hex');
const creds = () => ({ useApiMidjourneyApi: { id: credential.id, name: credential.name } });

function webhookImagineWorkflow(name, hookPath, waitMode) {
	return imagineWorkflow({ name, hookPath, waitMode, credential });
}

function triggerWorkflow(name, webhookId) {
	return {
		name,
		nodes: [
			{
				id: uuid(),
				name: 'Midjourney callback',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: ['completed', 'failed', 'moderated'], verifyWithApi: true, simplify: true },
				credentials: creds(),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

// ---------------------------------------------------------------------------------------------
// helpers

const post = (url, body) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});

async function executionsOf(workflowId) {
	return main.executions({ workflowId });
}

/** Waits until the workflow has at least `n` executions and the count stays put for `quietMs`. */
async function settledExecutions(workflowId, n, { quietMs = 2500, timeoutMs = 60_000 } = {}) {
	let list = await waitFor(async () => {
		const l = await executionsOf(workflowId);
		return l.length >= n && l;
	}, { timeoutMs, what: `${n} execution(s) of workflow ${workflowId}` });
	for (;;) {
		await delay(quietMs);
		const again = await executionsOf(workflowId);
		if (again.length === list.length) return again;
		list = again;
	}
}

/** POSTs to a production webhook on the webhook processor and returns the one execution it started. */
async function startByWebhook(workflowId, hookPath, body) {
	const before = (await executionsOf(workflowId)).length;
	const res = await post(`${cluster.webhookUrl}webhook/${hookPath}`, body);
	expect(res.status).toBe(200);
	const list = await waitFor(async () => {
		const l = await executionsOf(workflowId);
		return l.length > before && l;
	}, { what: `an execution of workflow ${workflowId}` });
	return String(list[0].id);
}

const imaginePosts = (runTag) =>
	sim.log.filter((r) => r.method === 'POST' && r.path === `${API}/jobs/imagine` && String(r.body?.prompt).includes(runTag));

/** The callbacks the simulator recorded for these jobs, once at least `atLeast` are there (or the time is up). */
async function callbacksFor(jobIds, atLeast, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	const matching = () => sim.callbacks.filter((c) => jobIds.includes(c.jobid));
	while (matching().length < atLeast && Date.now() < deadline) await delay(200);
	return matching();
}

/** A job already completed on the simulator (no reply URL): its body as GET /jobs/{jobid} returns it. */
async function completedJob(prompt) {
	const res = await fetch(`${sim.url}${API}/jobs/imagine`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ prompt, stream: false }),
	});
	expect(res.status).toBe(201);
	const { jobid } = await res.json();
	await waitFor(() => sim.jobs.get(jobid)?.status === 'completed', { what: `job ${jobid} completed` });
	return JSON.parse(JSON.stringify(sim.jobs.get(jobid)));
}

// ---------------------------------------------------------------------------------------------

describe(`queue mode (n8n ${N8N_VERSION}: main + 2 workers + 1 webhook processor, Redis, Postgres)`, () => {
	let triggerId;
	let triggerPath;

	beforeAll(async () => {
		const webhookId = uuid();
		triggerPath = `webhook/${webhookId}/callback`;
		triggerId = await main.importWorkflow(triggerWorkflow('queue: trigger', webhookId));
		await main.activate(triggerId);
	});

	test('the package loads in main, in both workers and in the webhook processor', async () => {
		// main: the editor's node types
		const types = (await main.nodeTypes()).map((t) => t.name);
		expect(types).toEqual(expect.arrayContaining([NODE_TYPE, TRIGGER_TYPE]));

		// webhook processor: the trigger's own code answers a body that is not a job with its 400
		const res = await post(`${cluster.webhookUrl}${triggerPath}`, { hello: 'world' });
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: expect.any(String) });

		// workers: 4 overlapping 3-second executions on 2 workers of concurrency 2 → both run the node
		const hookPath = `queue-load-${tag()}`;
		const wf = await main.importWorkflow(webhookImagineWorkflow('queue: load', hookPath, 'stream'));
		await main.activate(wf);
		const runTag = tag();
		const answers = await Promise.all(
			[1, 2, 3, 4].map((i) => post(`${cluster.webhookUrl}webhook/${hookPath}`, { prompts: [`load ${runTag} ${i} [[ms=3000]]`] })),
		);
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
		const list = await settledExecutions(wf, 4);
		expect(list).toHaveLength(4);
		const ranOn = new Set();
		for (const e of list) {
			const done = await main.waitForExecution(e.id, { statuses: FINAL, timeoutMs: 60_000 });
			expect(done.status).toBe('success');
			expect(done.output('Imagine')).toEqual([expect.objectContaining({ status: 'completed' })]);
			for (const w of await cluster.workersThatRan(e.id)) ranOn.add(w);
		}
		expect([...ranOn].sort()).toEqual(['worker-1', 'worker-2']);
		expect(imaginePosts(runTag)).toHaveLength(4);

		const logs = await cluster.logs();
		for (const [name, text] of Object.entries(logs)) {
			expect({ name, failures: text.match(/Failed to load package.*|.*(Error|error).*n8n-nodes-useapi-midjourney.*/g) }).toEqual({ name, failures: null });
		}
	});

	test('a Stream batch completes on a worker with one job POST per item, in order', async () => {
		const hookPath = `queue-batch-${tag()}`;
		const wf = await main.importWorkflow(webhookImagineWorkflow('queue: stream batch', hookPath, 'stream'));
		await main.activate(wf);
		const runTag = tag();
		const prompts = ['a red fox', 'a paper boat', 'a lighthouse', 'a tea house', 'a robot gardener', 'a quiet library'].map(
			(p, i) => `${p} ${runTag} [[ms=${1000 + 400 * (i % 3)}]]`,
		);
		const id = await startByWebhook(wf, hookPath, { prompts });
		const done = await main.waitForExecution(id, { statuses: FINAL, timeoutMs: 120_000 });
		expect(done.status).toBe('success');
		expect(done.mode).toBe('webhook');
		const out = done.output('Imagine');
		expect(out.map((j) => j.status)).toEqual(prompts.map(() => 'completed'));
		expect(out.map((j) => j.prompt)).toEqual(prompts);

		// exactly one POST per item, each a stream answered 200 (no 429, no retry), each job different
		const posts = imaginePosts(runTag);
		expect(posts).toHaveLength(prompts.length);
		expect(posts.map((p) => [p.body.stream, p.status])).toEqual(prompts.map(() => [true, 200]));
		expect(posts.map((p) => p.body.prompt).sort()).toEqual([...prompts].sort());
		expect(new Set(out.map((j) => j.jobid)).size).toBe(prompts.length);

		// on a worker (main runs no production execution in queue mode; its log is not asked)
		const ran = await cluster.workersThatRan(id);
		expect(ran).toHaveLength(1);
		figures.push(`stream batch of ${prompts.length} on ${ran[0]}: ${posts.length} POSTs`);
	});

	test('Pause Until Callback resumes through the webhook processor, on a worker', async () => {
		const hookPath = `queue-pause-${tag()}`;
		const wf = await main.importWorkflow(webhookImagineWorkflow('queue: pause', hookPath, 'webhook'));
		await main.activate(wf);
		const runTag = tag();
		const prompts = [1, 2, 3].map((i) => `pause ${runTag} ${i} [[ms=5000]]`);
		const id = await startByWebhook(wf, hookPath, { prompts });
		const paused = await main.waitForExecution(id, { statuses: ['waiting', ...FINAL], timeoutMs: 60_000 });
		expect(paused.status).toBe('waiting');
		const pausedOn = await cluster.workersThatRan(id);
		expect(pausedOn).toHaveLength(1);

		const posts = imaginePosts(runTag);
		expect(posts).toHaveLength(3);
		for (const p of posts) {
			expect(p.body.replyUrl.startsWith(`${cluster.webhookUrl}webhook-waiting/${id}`)).toBe(true);
		}
		const done = await main.waitForExecution(id, { statuses: FINAL, timeoutMs: 60_000 });
		expect(done.status).toBe('success');
		const out = done.output('Done');
		expect(out).toHaveLength(3);
		expect(out.every((j) => j.status === 'completed')).toBe(true);
		const jobIds = posts.map((p) => p.jobid).filter(Boolean);
		expect(out.map((j) => j.jobid).sort()).toEqual(
			jobIds.length === 3 ? [...jobIds].sort() : out.map((j) => j.jobid).sort(),
		);
		// the callbacks went to the webhook processor, and one of them resumed the execution.
		// A callback is recorded once its answer arrives, and the one that resumed the execution can be
		// answered after the execution finished: wait for all three answers.
		const calls = await callbacksFor(out.map((j) => j.jobid), 3);
		expect(calls.length).toBeGreaterThanOrEqual(3);
		expect(calls.every((c) => c.url.startsWith(cluster.webhookUrl))).toBe(true);
		expect(calls.some((c) => c.status === 200)).toBe(true);
		// the resumed part ran on a worker too (a second "started execution" line)
		const worker1 = (await cluster.workers[0].log()).match(new RegExp(`Worker started execution ${id} \\(`, 'g')) || [];
		const worker2 = (await cluster.workers[1].log()).match(new RegExp(`Worker started execution ${id} \\(`, 'g')) || [];
		expect(worker1.length + worker2.length).toBe(2);
		expect(imaginePosts(runTag)).toHaveLength(3);
		figures.push(`pause: paused on ${pausedOn[0]}, resumed via the webhook processor (${calls.map((c) => c.status).join('/')})`);
	});

	test('the Trigger on an active workflow starts one execution per callback posted to the webhook processor, on workers', async () => {
		const before = (await executionsOf(triggerId)).length;
		const url = `${cluster.webhookUrl}${triggerPath}`;
		const runTag = tag();
		const jobIds = [];
		for (const i of [1, 2, 3]) {
			const res = await fetch(`${sim.url}${API}/jobs/imagine`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ prompt: `trigger ${runTag} ${i} [[ms=${1500 + 500 * i}]]`, replyUrl: url, replyLevel: 'minimal', stream: false }),
			});
			expect(res.status).toBe(201);
			jobIds.push((await res.json()).jobid);
		}
		await waitFor(() => jobIds.every((j) => sim.callbacks.some((c) => c.jobid === j && c.status === 200)), {
			what: 'the three callbacks answered 200',
		});
		const list = await settledExecutions(triggerId, before + 3);
		expect(list).toHaveLength(before + 3);
		const fresh = list.slice(0, 3);
		const seen = [];
		for (const e of fresh) {
			const done = await main.waitForExecution(e.id, { statuses: FINAL });
			expect(done.status).toBe('success');
			expect(done.mode).toBe('webhook');
			const [item] = done.output('Midjourney callback');
			expect(item).toMatchObject({ status: 'completed', verified: true });
			seen.push(item.jobid);
			expect(await cluster.workersThatRan(e.id)).toHaveLength(1);
		}
		expect(seen.sort()).toEqual([...jobIds].sort());
		expect(sim.callbacks.filter((c) => jobIds.includes(c.jobid)).every((c) => c.url === url)).toBe(true);
	});

	test('simultaneous copies of one callback: one execution with one webhook processor; across main + webhook processor, measured', async () => {
		const COPIES = 8;
		const ONE_PROCESS_ROUNDS = 3;
		const TWO_PROCESS_ROUNDS = 5;
		const runTag = tag();
		const jobs = await Promise.all(
			Array.from({ length: ONE_PROCESS_ROUNDS + TWO_PROCESS_ROUNDS }, (_, i) => completedJob(`duplicate ${runTag} ${i}`)),
		);
		const hookTarget = `${cluster.webhookUrl}${triggerPath}`;
		const mainTarget = `${main.url}/${triggerPath}`;

		async function round(job, targets) {
			const before = (await executionsOf(triggerId)).length;
			const answers = await Promise.all(
				Array.from({ length: COPIES }, (_, i) =>
					post(targets[i % targets.length], job).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) })),
				),
			);
			const after = await settledExecutions(triggerId, before, { quietMs: 2000 });
			const fresh = after.slice(0, after.length - before);
			for (const e of fresh) {
				const done = await main.waitForExecution(e.id, { statuses: FINAL });
				expect(done.output('Midjourney callback')[0].jobid).toBe(job.jobid);
			}
			// a later re-delivery, to either process, starts nothing
			for (const target of targets) {
				const again = await post(target, job);
				expect(again.status).toBe(200);
				expect(await again.json()).toMatchObject({ status: 'ignored' });
			}
			await delay(1000);
			expect((await executionsOf(triggerId)).length).toBe(after.length);
			return {
				executions: fresh.length,
				started: answers.filter((a) => a.body?.status === 'started').length,
				statuses: answers.map((a) => a.status),
			};
		}

		const single = [];
		for (const job of jobs.slice(0, ONE_PROCESS_ROUNDS)) single.push(await round(job, [hookTarget]));
		const split = [];
		for (const job of jobs.slice(ONE_PROCESS_ROUNDS)) split.push(await round(job, [hookTarget, mainTarget]));

		const summary =
			`duplicates (${COPIES} simultaneous copies): webhook processor alone → executions per round ${single.map((r) => r.executions).join(',')}; ` +
			`webhook processor + main → ${split.map((r) => r.executions).join(',')} (answers "started": ${split.map((r) => r.started).join(',')})`;
		console.log(`[queue] ${summary}`);
		figures.push(summary);

		for (const r of single) {
			expect(r.statuses.every((s) => s === 200)).toBe(true);
			expect(r.executions).toBe(1);
			expect(r.started).toBe(1);
		}
		for (const r of split) {
			expect(r.statuses.every((s) => s === 200)).toBe(true);
			expect(r.executions).toBeGreaterThanOrEqual(1);
			expect(r.executions).toBeLessThanOrEqual(2); // at most one per webhook process
			expect(r.started).toBe(r.executions);
		}
	});

	test('Stop on main of a Stream execution a webhook processor started (measured for the README)', async () => {
		const hookPath = `queue-stop-${tag()}`;
		const wf = await main.importWorkflow(webhookImagineWorkflow('queue: stop', hookPath, 'stream'));
		await main.activate(wf);
		const runTag = tag();
		const prompts = [1, 2].map((i) => `stop ${runTag} ${i} [[ms=12000]]`);
		const id = await startByWebhook(wf, hookPath, { prompts });
		await waitFor(() => imaginePosts(runTag).length === 2 && imaginePosts(runTag).every((p) => p.jobid), {
			what: 'both jobs submitted',
		});
		const jobIds = imaginePosts(runTag).map((p) => p.jobid);
		const stopAnswer = await main.rest('POST', `/rest/executions/${id}/stop`, undefined, { raw: true });
		const afterStop = await main.waitForExecution(id, { statuses: FINAL, timeoutMs: 60_000 });
		// let the jobs end either way (cancelled now, or completed at 12 s)
		await waitFor(() => jobIds.every((j) => ['completed', 'failed', 'moderated'].includes(sim.jobs.get(j)?.status)), {
			timeoutMs: 30_000,
			what: 'both jobs final',
		});
		await delay(2000);
		const deletes = sim.log.filter((r) => r.method === 'DELETE' && jobIds.some((j) => r.path === `${API}/jobs/${j}`));
		const final = await main.getExecution(id);
		const ranOn = await cluster.workersThatRan(id);
		const measured =
			`Stop on main of a webhook-processor execution: answered ${stopAnswer.status}, status ${afterStop.status} → ${final.status}, ` +
			`jobs DELETEd ${deletes.length}/2, job states ${jobIds.map((j) => sim.jobs.get(j).status).join('/')}`;
		console.log(`[queue] ${measured}`);
		figures.push(measured);
		expect(ranOn).toHaveLength(1);
		expect(stopAnswer.status).toBeLessThan(500);
		// nothing is left running on useapi.net, and nothing was submitted twice
		expect(imaginePosts(runTag)).toHaveLength(2);
	});

	test('Pause Until Callback resumes after SIGKILL of the worker that paused it, without a second submit', async () => {
		const hookPath = `queue-kill-${tag()}`;
		const wf = await main.importWorkflow(webhookImagineWorkflow('queue: pause + SIGKILL', hookPath, 'webhook'));
		await main.activate(wf);
		const runTag = tag();
		const prompts = [1, 2, 3].map((i) => `kill ${runTag} ${i} [[ms=${8000 + 1000 * i}]]`);
		const id = await startByWebhook(wf, hookPath, { prompts });
		const paused = await main.waitForExecution(id, { statuses: ['waiting', ...FINAL], timeoutMs: 60_000 });
		expect(paused.status).toBe('waiting');
		const [pausedOn] = await cluster.workersThatRan(id);
		const victim = cluster.workers.find((w) => w.name === pausedOn);
		const survivor = cluster.workers.find((w) => w.name !== pausedOn);
		expect(victim && survivor).toBeTruthy();
		expect(imaginePosts(runTag)).toHaveLength(3);
		// the jobs are still running on useapi.net when the worker dies
		expect(imaginePosts(runTag).every((p) => sim.jobs.get(p.jobid)?.status !== 'completed')).toBe(true);

		const exited = victim.exited;
		victim.kill('SIGKILL');
		expect(await exited).toMatchObject({ signal: 'SIGKILL' });
		expect(victim.running).toBe(false);

		const done = await main.waitForExecution(id, { statuses: FINAL, timeoutMs: 90_000 });
		expect(done.status).toBe('success');
		const out = done.output('Done');
		expect(out).toHaveLength(3);
		expect(out.every((j) => j.status === 'completed')).toBe(true);
		expect(await cluster.workersThatRan(id)).toContain(survivor.name);
		expect((await survivor.log()).match(new RegExp(`Worker started execution ${id} \\(`, 'g'))).toHaveLength(1);
		expect(imaginePosts(runTag)).toHaveLength(3); // nothing resubmitted
		const calls = sim.callbacks.filter((c) => out.some((j) => j.jobid === c.jobid));
		expect(calls.every((c) => c.url.startsWith(cluster.webhookUrl))).toBe(true);
		figures.push(`SIGKILL: paused on ${victim.name}, resumed on ${survivor.name}`);
	});
});
