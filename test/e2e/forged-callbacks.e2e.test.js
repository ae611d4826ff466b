'use strict';
/**
 * Forged callbacks start nothing, in a real n8n:
 *  - MidjourneyV3 Trigger (examples/04a, active, Verify with API on): a wrong URL gets n8n's 404;
 *    the right URL with a job id the API does not know, a false "completed" for a job that is
 *    still running, or a body that is not a job: no execution. The real callback still works.
 *  - Pause Until Callback (examples/05): the resume URL without its `signature`, or with a wrong
 *    one, is refused by n8n and the execution keeps waiting; a signed but false "completed"
 *    keeps it waiting too (the node re-reads the jobs); the real callbacks then resume it.
 * n8n runs at log level debug here, and the last test checks the API token is in none of it.
 */
const crypto = require('node:crypto');
const { startStack, waitFor, delay } = require('../../tools/n8n/stack');
const { loadExample, triggerUrl } = require('../../tools/n8n/examples');
const { assertNoTokenLeak } = require('../../tools/n8n/hygiene');

const API = '/v3/midjourney';
const FINAL = ['success', 'error', 'crashed', 'canceled'];

let stack;
let n8n;
let sim;
beforeAll(async () => {
	stack = await startStack({
		name: 'forged-callbacks',
		sim: { jobDurationMs: 1500 },
		n8n: { env: { N8N_LOG_LEVEL: 'debug' } },
	});
	({ n8n, sim } = stack);
});
afterAll(async () => {
	await stack?.stop();
});

const post = (url, body, contentType = 'application/json') =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
const allExecutions = async () => n8n.executions({});
const fakeJobId = () =>
	`j1121${String(Date.now()).slice(-5)}${crypto.randomInt(1e8, 1e9)}i-u12345-c1234567890123456789-bot:midjourney`;

describe('MidjourneyV3 Trigger (04a, active, Verify with API)', () => {
	let triggerId;
	let url;
	beforeAll(async () => {
		triggerId = await stack.importExample('04a');
		await n8n.activate(triggerId);
		url = triggerUrl(loadExample('04a'), n8n.webhookUrl);
	});

	test('a wrong trigger URL gets n8n\'s 404 and starts nothing', async () => {
		const before = (await allExecutions()).length;
		const job = { jobid: fakeJobId(), verb: 'imagine', status: 'completed' };
		const wrongId = url.replace(/webhook\/[0-9a-f-]+\//, `webhook/${crypto.randomUUID()}/`);
		const wrongPath = url.replace(/\/callback$/, '/other');
		for (const target of [wrongId, wrongPath, `${n8n.webhookUrl}webhook/callback`]) {
			const res = await post(target, job);
			expect(res.status).toBe(404);
		}
		await delay(500);
		expect((await allExecutions()).length).toBe(before);
	});

	test('the right URL with a job id the API does not know: answered, verified, no execution', async () => {
		const mark = sim.log.length;
		const before = (await stack.executionsOf(triggerId)).length;
		const jobid = fakeJobId();
		const res = await post(url, {
			jobid,
			verb: 'imagine',
			jobType: 'image',
			status: 'completed',
			response: { imageUx: [{ id: 1, url: 'https://evil.example/x.png' }] },
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'ignored' });
		// the trigger asked the API, which does not know the job
		const lookups = sim.log.slice(mark).filter((r) => r.method === 'GET' && r.path === `${API}/jobs/${jobid}`);
		expect(lookups).toHaveLength(1);
		expect(lookups[0].status).toBe(404);
		await delay(500);
		expect((await stack.executionsOf(triggerId)).length).toBe(before);
	});

	test('a false "completed" for a job still running starts nothing; its real callback starts one', async () => {
		const before = (await stack.executionsOf(triggerId)).length;
		// a real job, 4 s long, reporting to the trigger
		const submit = await fetch(`${sim.url}${API}/jobs/imagine`, {
			method: 'POST',
			headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'a real job [[ms=4000]]', replyUrl: url, replyLevel: 'minimal', stream: false }),
		});
		expect(submit.status).toBe(201);
		const { jobid } = await submit.json();
		const forged = await post(url, { jobid, verb: 'imagine', jobType: 'image', status: 'completed' });
		expect(forged.status).toBe(200);
		expect(await forged.json()).toMatchObject({ status: 'ignored' });
		// not JSON / not a job: refused with 400
		expect((await post(url, 'not json at all', 'text/plain')).status).toBe(400);
		expect((await post(url, { hello: 'world' })).status).toBe(400);
		await delay(500);
		expect((await stack.executionsOf(triggerId)).length).toBe(before);

		await waitFor(() => sim.callbacks.some((c) => c.jobid === jobid && c.status === 200), { what: 'the real callback' });
		const execs = await waitFor(async () => {
			const list = await stack.executionsOf(triggerId);
			return list.length > before && list;
		}, { what: 'an execution' });
		await delay(1000);
		expect((await stack.executionsOf(triggerId)).length).toBe(before + 1);
		const done = await n8n.waitForExecution(execs[0].id, { statuses: FINAL });
		expect(done.output('Midjourney callback')[0]).toMatchObject({ jobid, status: 'completed', verified: true });
	});
});

describe('Pause Until Callback (05): the resume URL', () => {
	test('without or with a wrong signature it is refused by n8n and the execution keeps waiting', async () => {
		sim.configure({ jobDurationMs: 7000 });
		let paused;
		try {
			paused = await n8n.runWorkflow(await stack.importExample('05'));
		} finally {
			sim.configure({ jobDurationMs: 1500 });
		}
		expect(paused.status).toBe('waiting');
		const id = paused.executionId;
		const submitted = sim.log.filter((r) => r.method === 'POST' && String(r.body?.replyUrl).includes(`/webhook-waiting/${id}?`));
		expect(submitted).toHaveLength(3);
		const resumeUrl = submitted[0].body.replyUrl;
		const signature = new URL(resumeUrl).searchParams.get('signature');
		expect(signature).toMatch(/^[0-9a-f]{64}$/);
		const base = resumeUrl.split('?')[0];
		const jobIds = [...sim.jobs.values()].filter((j) => j.request?.replyUrl === resumeUrl).map((j) => j.jobid);
		expect(jobIds).toHaveLength(3);
		const claim = { jobid: jobIds[0], verb: 'imagine', status: 'completed' };
		const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

		const attempts = [
			['no signature', base],
			['empty signature', `${base}?signature=`],
			['wrong signature', `${base}?signature=${flipped}`],
			['another token', `${base}?signature=${crypto.randomBytes(32).toString('hex')}`],
		];
		const answers = [];
		for (const [what, target] of attempts) {
			const res = await post(target, claim);
			answers.push(`${what}: ${res.status}`);
			if (![401, 403].includes(res.status)) {
				throw new Error(`${what}: n8n answered ${res.status} ${await res.text()}`);
			}
			expect((await n8n.getExecution(id)).status).toBe('waiting');
		}
		console.log(`[e2e] resume URL forgeries refused by n8n: ${answers.join(', ')}`);

		// signed, but false: the node re-reads the jobs, sees them running, keeps waiting
		const mark = sim.log.length;
		const signedForgery = await post(resumeUrl, claim);
		expect(signedForgery.status).toBe(200);
		await delay(500);
		expect((await n8n.getExecution(id)).status).toBe('waiting');
		const reads = sim.log.slice(mark).filter((r) => r.method === 'GET' && r.path.startsWith(`${API}/jobs/`));
		expect(reads.length).toBeGreaterThanOrEqual(1); // it asked the API instead of trusting the body
		expect(reads.every((r) => jobIds.some((j) => r.path === `${API}/jobs/${j}`))).toBe(true);
		// nothing was resubmitted
		expect(sim.log.filter((r) => r.method === 'POST' && String(r.body?.replyUrl).includes(`/webhook-waiting/${id}?`))).toHaveLength(3);

		// the real callbacks resume it
		const done = await n8n.waitForExecution(id, { statuses: FINAL, timeoutMs: 60_000 });
		expect(done.status).toBe('success');
		const out = done.output('Done');
		expect(out).toHaveLength(3);
		expect(out.every((j) => j.status === 'completed')).toBe(true);
		expect(out.map((j) => j.jobid).sort()).toEqual([...jobIds].sort());
	});
});

describe('token hygiene (n8n at log level debug)', () => {
	test('the API token never appears in n8n\'s log, execution data, workflows or the simulator log', async () => {
		const { executions, logBytes } = await assertNoTokenLeak(stack, { minExecutions: 2 });
		console.log(`[e2e] token hygiene: ${executions} executions and ${logBytes} bytes of debug log checked`);
	});
});
