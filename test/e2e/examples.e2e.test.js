'use strict';
/**
 * Every example workflow (examples/*.json) imported into a real n8n 2.30.8 with the packed
 * package installed, run against the useapi.net simulator (in this process), and checked on
 * both sides: n8n's stored run data and the simulator's request/callback log.
 *
 *   01 stream + 4 binary images  02 batch of 5, input order  03 imagine -> U1 with binary
 *   04a+04b trigger fed by Don't Wait jobs (and a moderated one; progress callbacks start nothing)
 *   05 Pause Until Callback: waiting while the jobs run, resumed with 3 results; and across a restart
 *   06 Prompt Parameters composed into the prompts; a bad field stops the run with 0 requests
 * The last test checks that the API token never reached n8n's log, execution data or the simulator log.
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
	stack = await startStack({ name: 'examples', sim: { jobDurationMs: 1500 } });
	({ n8n, sim } = stack);
});
afterAll(async () => {
	await stack?.stop();
});

/** Simulator requests made after `mark` (an index into sim.log). */
const since = (mark) => sim.log.slice(mark);
const posts = (records, verb = 'imagine') =>
	records.filter((r) => r.method === 'POST' && r.path === `${API}/jobs/${verb}`);

async function mustSucceed(run) {
	if (run.status !== 'success') {
		throw new Error(
			`execution ${run.executionId} ended ${run.status}: ${JSON.stringify(run.error)}\n${await n8n.logs(60)}`,
		);
	}
	return run;
}

/** The bytes n8n stored for a binary property (the editor's download endpoint). */
async function binaryBytes(binary) {
	const res = await fetch(
		`${n8n.url}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`,
		{ headers: await authHeaders() },
	);
	expect(res.status).toBe(200);
	return Buffer.from(await res.arrayBuffer());
}
let cookieHeader;
async function authHeaders() {
	if (!cookieHeader) {
		const res = await fetch(`${n8n.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: n8n.owner.email, password: n8n.owner.password }),
		});
		cookieHeader = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth=')).split(';')[0];
	}
	return { cookie: cookieHeader, 'browser-id': 'e2e-binary' };
}
const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test('01 imagine, streamed: one job, its four images stored as binary data', async () => {
	const mark = sim.log.length;
	const id = await stack.importExample('01');
	const run = await mustSucceed(await n8n.runWorkflow(id));

	const items = run.items('Imagine');
	expect(items).toHaveLength(1);
	const { json, binary } = items[0];
	expect(json).toMatchObject({ verb: 'imagine', status: 'completed', progress: 100 });
	expect(json.request.prompt).toContain('a lighthouse on a cliff at dusk');
	expect(json.imageUrls).toHaveLength(4);
	expect(Object.keys(binary).sort()).toEqual(['image1', 'image2', 'image3', 'image4']);
	for (const b of Object.values(binary)) {
		expect(b).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		expect(b.fileName).toMatch(/^j\d+i-image[1-4]\.png$/);
	}
	// the stored bytes are the simulator's PNG, byte for byte
	const stored = await binaryBytes(binary.image1);
	expect(stored.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
	expect(stored.length).toBe(binary.image1.bytes);

	const log = since(mark);
	const submitted = posts(log);
	expect(submitted).toHaveLength(1);
	expect(submitted[0]).toMatchObject({ status: 200, stream: true, disconnectedEarly: false });
	expect(submitted[0].body).toMatchObject({ stream: true, prompt: json.request.prompt });
	expect(submitted[0].sseEvents).toBeGreaterThanOrEqual(5); // initialized, created, started, progress..., completed
	const downloads = log.filter((r) => r.path === '/v1/proxy/cdn-midjourney');
	expect(downloads).toHaveLength(4);
	expect(downloads.every((r) => r.status === 200)).toBe(true);
	// no polling: the stream carried the job to the end
	expect(log.filter((r) => r.method === 'GET' && r.path.startsWith(`${API}/jobs/`))).toHaveLength(0);

	const direct = await fetch(json.imageUrls[0]);
	expect(sha(Buffer.from(await direct.arrayBuffer()))).toBe(sha(stored));
});

test('02 batch of 5 prompts: 5 items in input order, one POST per item, at most 3 at once', async () => {
	const prompts = [
		'a red fox in fresh snow',
		'a paper boat on a rainy street',
		'a lighthouse at dusk',
		'a tea house in the mountains',
		'a robot watering plants',
	];
	let mark = sim.log.length;
	const id = await stack.importExample('02');
	let run = await mustSucceed(await n8n.runWorkflow(id));
	let out = run.output('Imagine all');
	expect(out.map((j) => j.prompt)).toEqual(prompts);
	expect(out.every((j) => j.status === 'completed' && j.imageUrls.length === 4)).toBe(true);
	expect(run.items('Imagine all').map((it) => it.pairedItem)).toEqual(prompts.map((_, i) => ({ item: i })));
	let submitted = posts(since(mark));
	expect(submitted).toHaveLength(5);
	expect(submitted.map((r) => r.body.prompt).sort()).toEqual([...prompts].sort());
	expect(new Set(out.map((j) => j.jobid)).size).toBe(5);

	// Same workflow, but the later prompts finish first: the output still follows the input.
	// (The channel runs 3 image jobs at once; the node reads that from GET /accounts.)
	const reordered = loadExample('02');
	const code = reordered.nodes.find((n) => n.name === 'Prompts');
	code.parameters.jsCode = code.parameters.jsCode.replace(
		'.map((prompt) => ({ json: { prompt } }))',
		'.map((prompt, i) => ({ json: { prompt: `${prompt} [[ms=${2600 - i * 500}]]` } }))',
	);
	mark = sim.log.length;
	const before = sim.stats().maxConcurrent;
	run = await mustSucceed(await n8n.runWorkflow(await stack.importWorkflow(reordered)));
	out = run.output('Imagine all');
	expect(out.map((j) => j.prompt.replace(/ \[\[ms=\d+\]\]$/, ''))).toEqual(prompts);
	submitted = posts(since(mark));
	expect(submitted).toHaveLength(5);
	const completedAt = out.map((j) => Date.parse(sim.jobs.get(j.jobid).updated));
	expect(completedAt[1]).toBeLessThan(completedAt[0]); // really finished out of order
	const peak = Object.values(sim.stats().maxConcurrent)[0];
	expect(peak.images).toBeLessThanOrEqual(3);
	expect(peak.images).toBeGreaterThanOrEqual(Object.values(before)[0]?.images ?? 0);
	expect(since(mark).some((r) => r.path === `${API}/accounts` && r.status === 200)).toBe(true);
	expect(since(mark).filter((r) => r.status === 429)).toHaveLength(0);
});

test('03 imagine then U1: the button job is pressed on the imagine job and its image is binary', async () => {
	const mark = sim.log.length;
	const id = await stack.importExample('03');
	const run = await mustSucceed(await n8n.runWorkflow(id));
	const [grid] = run.output('Imagine');
	expect(grid).toMatchObject({ verb: 'imagine', status: 'completed' });
	const items = run.items('Upscale U1');
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({ verb: 'button', status: 'completed' });
	// The upscale answers as the docs' U2 example: one attachment, no imageUx. That one file is
	// the result: listed in imageUrls and stored as image1, byte for byte what useapi.net serves.
	const upscale = sim.jobs.get(items[0].json.jobid);
	expect(upscale.response.imageUx).toBeUndefined();
	const [attachment] = upscale.response.attachments;
	expect(items[0].json.imageUrls).toEqual([attachment.url]);
	expect(Object.keys(items[0].binary || {})).toEqual(['image1']);
	const image = items[0].binary.image1;
	expect(image).toMatchObject({ mimeType: 'image/png', fileName: expect.stringMatching(/^j\d+i-image1\.png$/) });
	const stored = await binaryBytes(image);
	expect(stored.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
	const served = Buffer.from(await (await fetch(attachment.url)).arrayBuffer());
	expect(sha(stored)).toBe(sha(served));

	const log = since(mark);
	expect(posts(log)).toHaveLength(1);
	const buttons = posts(log, 'button');
	expect(buttons).toHaveLength(1);
	expect(buttons[0].body).toMatchObject({ jobId: grid.jobid, button: 'U1', stream: true });
	expect(buttons[0].status).toBe(200);
	expect(sim.jobs.get(items[0].json.jobid)?.status).toBe('completed');
});

test('06 Prompt Parameters: fields composed into each prompt; a bad field stops the run before any request', async () => {
	let mark = sim.log.length;
	const id = await stack.importExample('06');
	const run = await mustSucceed(await n8n.runWorkflow(id));
	const out = run.output('Imagine with parameters');
	const expected = [
		'a red fox in fresh snow, ink drawing --v 7 --ar 3:2 --s 250 --c 10 --no text, watermark --relax',
		'a paper boat on a rainy street --v 7 --ar 2:3 --s 250 --c 10 --no text, watermark --relax',
	];
	expect(out.map((j) => j.request.prompt)).toEqual(expected);
	expect(out.every((j) => j.status === 'completed' && j.promptWarnings === undefined)).toBe(true);
	expect(posts(since(mark)).map((r) => r.body.prompt).sort()).toEqual([...expected].sort());

	// Stylize 5000 is out of Midjourney's documented range: the run fails, naming the flag, and
	// the simulator sees no job request at all.
	mark = sim.log.length;
	const badId = await stack.importExample('06', (json) => {
		json.nodes.find((n) => n.name === 'Imagine with parameters').parameters.promptParameters.stylize = 5000;
	});
	const bad = await n8n.runWorkflow(badId);
	expect(bad.status).toBe('error');
	expect(JSON.stringify(bad.error)).toMatch(/--s 5000: --s must be a whole number from 0 to 1000/);
	expect(posts(since(mark))).toHaveLength(0);
});

describe('04a + 04b: results arrive through the MidjourneyV3 Trigger', () => {
	let triggerId;
	let url;
	beforeAll(async () => {
		triggerId = await stack.importExample('04a');
		await n8n.activate(triggerId);
		expect((await n8n.getWorkflow(triggerId)).active).toBe(true);
		url = triggerUrl(loadExample('04a'), n8n.webhookUrl);
	});

	/** Waits until the trigger workflow has `n` executions in total, then a little longer. */
	async function triggerExecutions(n) {
		await waitFor(async () => (await stack.executionsOf(triggerId)).length >= n, {
			timeoutMs: 60_000,
			what: `${n} trigger executions`,
		});
		await delay(1500); // anything extra would show up now
		const list = await stack.executionsOf(triggerId);
		return Promise.all(list.map((e) => n8n.waitForExecution(e.id, { statuses: FINAL })));
	}

	test('3 prompts with Don\'t Wait + Reply URL: exactly 3 trigger executions, each a completed job', async () => {
		const mark = sim.log.length;
		const callbacksBefore = sim.callbacks.length;
		const submitId = await stack.importExample('04b');
		const submitWf = await n8n.getWorkflow(submitId);
		expect(submitWf.nodes.find((n) => n.name === 'Submit').parameters.options.replyUrl).toBe(url);

		const run = await mustSucceed(await n8n.runWorkflow(submitId));
		const created = run.output('Submit');
		expect(created).toHaveLength(3);
		expect(created.every((j) => j.status === 'created')).toBe(true); // did not wait

		const execs = await triggerExecutions(3);
		expect(execs).toHaveLength(3);
		const outputs = execs.map((e) => {
			expect(e.status).toBe('success');
			expect(e.mode).toBe('webhook');
			const out = e.output('Midjourney callback');
			expect(out).toHaveLength(1);
			return out[0];
		});
		expect(outputs.every((o) => o.status === 'completed' && o.event === 'completed' && o.verified === true)).toBe(true);
		expect(outputs.map((o) => o.jobid).sort()).toEqual(created.map((j) => j.jobid).sort());

		const submitted = posts(since(mark));
		expect(submitted).toHaveLength(3);
		expect(submitted.every((r) => r.body.replyUrl === url && r.body.replyLevel === 'minimal')).toBe(true);
		const callbacks = sim.callbacks.slice(callbacksBefore);
		expect(callbacks).toHaveLength(3);
		expect(callbacks.every((c) => c.url === url && c.status === 200 && c.jobStatus === 'completed')).toBe(true);
		// Verify with API: each callback made the trigger re-read its job
		for (const j of created) {
			expect(since(mark).some((r) => r.method === 'GET' && r.path === `${API}/jobs/${j.jobid}` && r.status === 200)).toBe(true);
		}
	});

	test('every status change delivered (replyLevel all): progress starts nothing; a moderated job fires a moderated execution', async () => {
		const before = (await stack.executionsOf(triggerId)).length;
		const callbacksBefore = sim.callbacks.length;
		const variant = loadExample('04b');
		variant.name += ' (all events, one moderated)';
		variant.nodes.find((n) => n.name === 'Prompts').parameters.jsCode =
			"return ['a lantern festival', 'a forbidden thing [[moderated]]'].map((prompt) => ({ json: { prompt } }));";
		variant.nodes.find((n) => n.name === 'Submit').parameters.options.replyLevel = 'all';
		const run = await mustSucceed(await n8n.runWorkflow(await stack.importWorkflow(variant)));
		const created = run.output('Submit');
		expect(created).toHaveLength(2);

		const execs = await triggerExecutions(before + 2);
		const fresh = execs.slice(0, execs.length - before);
		expect(fresh).toHaveLength(2);
		const byStatus = Object.fromEntries(fresh.map((e) => [e.output('Midjourney callback')[0].status, e.output('Midjourney callback')[0]]));
		expect(Object.keys(byStatus).sort()).toEqual(['completed', 'moderated']);
		expect(byStatus.moderated).toMatchObject({ event: 'moderated', jobid: created[1].jobid, verified: true });
		expect(byStatus.moderated.error).toBeTruthy();
		expect(byStatus.completed.jobid).toBe(created[0].jobid);

		// the non-final callbacks really came, were answered 200, and started nothing
		await waitFor(() => sim.callbacks.slice(callbacksBefore).filter((c) => ['completed', 'moderated'].includes(c.jobStatus)).length === 2, { what: 'final callbacks' });
		const callbacks = sim.callbacks.slice(callbacksBefore);
		const nonFinal = callbacks.filter((c) => ['created', 'started', 'progress'].includes(c.jobStatus));
		expect(nonFinal.filter((c) => c.jobStatus === 'progress').length).toBeGreaterThanOrEqual(3);
		expect(nonFinal.every((c) => c.status === 200)).toBe(true);
		expect(execs.length).toBe(before + 2);
	});
});

describe('05 Pause Until Callback', () => {
	const prompts = ['a snowy village', 'a neon city street', 'a quiet library'];

	function checkResumed(done, executionId) {
		expect(done.status).toBe('success');
		const out = done.output('Done');
		expect(out).toHaveLength(3);
		expect(out.map((j) => j.prompt)).toEqual(prompts);
		expect(out.every((j) => j.status === 'completed' && j.imageUrls.length === 4)).toBe(true);
		expect(out.some((j) => j.timedOut)).toBe(false);
		const submitted = posts(sim.log).filter((r) => String(r.body?.replyUrl).includes(`/webhook-waiting/${executionId}?`));
		expect(submitted).toHaveLength(3); // one POST per item, none repeated
		expect(submitted.every((r) => r.status === 201 && r.body.replyLevel === 'minimal' && r.body.stream === false)).toBe(true);
		const simJobs = [...sim.jobs.values()].filter((j) => j.request?.replyUrl === submitted[0].body.replyUrl);
		expect(out.map((j) => j.jobid).sort()).toEqual(simJobs.map((j) => j.jobid).sort());
		return submitted[0].body.replyUrl;
	}

	test('the execution waits (nothing held open) while the jobs run, then resumes with 3 completed items', async () => {
		sim.configure({ jobDurationMs: 6000 });
		try {
			const id = await stack.importExample('05');
			const t0 = Date.now();
			const paused = await n8n.runWorkflow(id);
			expect(paused.status).toBe('waiting');
			expect(Date.now() - t0).toBeLessThan(5000); // paused before the jobs could finish
			expect(paused.output('Done')).toBeUndefined();
			const running = Object.values(sim.stats().running)[0];
			expect(running.images).toBe(3);
			expect(sim.stats().openStreams).toBe(0); // nothing held open while waiting
			await delay(1000);
			expect((await n8n.getExecution(paused.executionId)).status).toBe('waiting');

			const done = await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 60_000 });
			const resumeUrl = checkResumed(done, paused.executionId);
			const callbacks = sim.callbacks.filter((c) => c.url === resumeUrl);
			expect(callbacks.filter((c) => c.status === 200).length).toBeGreaterThanOrEqual(1);
			expect(callbacks.every((c) => c.jobStatus === 'completed')).toBe(true);
		} finally {
			sim.configure({ jobDurationMs: 1500 });
		}
	});

	test('n8n restarted while the execution waits: it still resumes when the jobs report back', async () => {
		// The jobs run until n8n is back (finishRunningJobs below): a restart's length varies
		// with the machine's load, and the jobs must not report back while n8n is down.
		sim.configure({ jobDurationMs: 10 * 60_000 });
		let paused;
		try {
			const id = await stack.importExample('05');
			paused = await n8n.runWorkflow(id);
			expect(paused.status).toBe('waiting');
		} finally {
			sim.configure({ jobDurationMs: 1500 });
		}
		const resumeUrlBefore = posts(sim.log).find((r) => String(r.body?.replyUrl).includes(`/webhook-waiting/${paused.executionId}?`)).body.replyUrl;
		await n8n.restart();
		expect((await n8n.getExecution(paused.executionId)).status).toBe('waiting');
		// the jobs must still be running now, or this would not test a restart
		const callbacksSoFar = sim.callbacks.filter((c) => c.url === resumeUrlBefore);
		if (callbacksSoFar.length) throw new Error('the jobs reported back before n8n was up again: raise jobDurationMs');
		sim.finishRunningJobs();

		const done = await n8n.waitForExecution(paused.executionId, { statuses: FINAL, timeoutMs: 60_000 });
		const resumeUrl = checkResumed(done, paused.executionId);
		expect(resumeUrl).toBe(resumeUrlBefore);
		// The three jobs end at once: a callback may still be in flight when the execution is done.
		const callbacks = await waitFor(() => {
			const sent = sim.callbacks.filter((c) => c.url === resumeUrl);
			return sent.length >= 3 && sent;
		}, { timeoutMs: 30_000, what: 'the three callbacks' });
		expect(callbacks.some((c) => c.status === 200)).toBe(true);
	});
});

describe('token hygiene', () => {
	test('the API token never appears in n8n\'s log, execution data, workflows or the simulator log', async () => {
		await assertNoTokenLeak(stack, { minExecutions: 10 });
	});
});
