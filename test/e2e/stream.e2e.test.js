'use strict';
/**
 * "Stream Progress (SSE)" really streams inside n8n: the node reads the job's events while the
 * simulator writes them over a connection held open, and its run ends on the completed event,
 * not at the end of the HTTP body.
 *
 * Set-up: n8n -> recording proxy (harness/sseTap.js) -> simulator. The job lasts 6 s with 5
 * progress events. The proxy forwards every byte at once, but after the final event it keeps
 * the response open for 6 s more instead of ending it. Then:
 *   - the simulator's log (sampled in-process while the job runs) shows the POST's response
 *     open, status 200, not disconnected, while the 2nd, 3rd... progress events are written;
 *   - the node was running before the first progress event went out, and finished right after
 *     the completed event was forwarded: long before the proxy ended the body.
 * A node that buffers the whole body (reads until the response ends) would finish only after
 * the proxy's hold: that check fails for it.
 * A node that polls instead would show GET /jobs/<id> calls: checked too.
 */
const { startStack } = require('../../tools/n8n/stack');
const { startSseTap } = require('../../tools/n8n/sseTap');
const { assertNoTokenLeak } = require('../../tools/n8n/hygiene');

const JOB_MS = 6000;
const PROGRESS_STEPS = 5;
const HOLD_MS = 6000;
const NODE_NAME = 'Slow imagine';

let stack;
let tap;
afterAll(async () => {
	await tap?.close();
	await stack?.stop();
});

test('the node reads progress events live and finishes on the completed event', async () => {
	stack = await startStack({ name: 'stream', sim: { jobDurationMs: 1500, progressSteps: PROGRESS_STEPS } });
	const { n8n, sim, token } = stack;
	tap = await startSseTap({ target: sim.url, holdAfterFinalMs: HOLD_MS });
	const viaTap = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (via tap)', {
		apiToken: token,
		baseUrl: tap.url,
	});

	const prompt = `a slow sunrise over the sea [[ms=${JOB_MS}]]`;
	const id = await n8n.importWorkflow({
		name: 'e2e: stream a 6 s job',
		nodes: [
			{ id: 's1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 's2',
				name: NODE_NAME,
				type: 'n8n-nodes-useapi-midjourney.midjourney',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'job', operation: 'imagine', prompt, waitMode: 'stream', options: {} },
				credentials: { useApiMidjourneyApi: { id: String(viaTap.id), name: 'useapi.net API (via tap)' } },
			},
		],
		connections: { Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	});

	// Sample the simulator's own record of the POST while the job runs.
	const samples = [];
	const sampler = setInterval(() => {
		const rec = sim.log.find((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine');
		if (rec) {
			samples.push({
				at: Date.now(),
				sseEvents: rec.sseEvents,
				status: rec.status,
				disconnectedEarly: rec.disconnectedEarly,
				openStreams: sim.stats().openStreams,
			});
		}
	}, 15);
	let run;
	try {
		run = await n8n.runWorkflow(id, { timeoutMs: 60_000 });
	} finally {
		clearInterval(sampler);
	}
	if (run.status !== 'success') throw new Error(`${run.status}: ${JSON.stringify(run.error)}\n${await n8n.logs(60)}`);

	// the output is the completed job
	const [job] = run.output(NODE_NAME);
	expect(job).toMatchObject({ status: 'completed', progress: 100 });
	expect(job.request.prompt).toBe(prompt);

	// --- the simulator's side: the response stayed open while the progress events were written
	const posts = sim.log.filter((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine');
	expect(posts).toHaveLength(1);
	expect(posts[0]).toMatchObject({ status: 200, stream: true, jobid: job.jobid });
	// initialized, created, started, 5 x progress, completed
	expect(posts[0].sseEvents).toBe(3 + PROGRESS_STEPS + 1);
	const firstWith = (n) => samples.find((s) => s.sseEvents >= n);
	for (const k of [2, 3, 4]) {
		// the k-th progress event is event number 3 + k
		const s = firstWith(3 + k);
		expect(s).toBeDefined();
		expect(s).toMatchObject({ status: 200, disconnectedEarly: false });
		expect(s.openStreams).toBe(1);
	}
	// the events were spread over the job's duration (not written in one burst at the end)
	const progressSpan = firstWith(3 + PROGRESS_STEPS).at - firstWith(4).at;
	expect(progressSpan).toBeGreaterThan(JOB_MS * 0.4);
	// no polling behind the stream
	expect(sim.log.filter((r) => r.method === 'GET' && r.path.startsWith('/v3/midjourney/jobs/'))).toHaveLength(0);

	// --- n8n's side, timed by the proxy
	expect(tap.streams).toHaveLength(1);
	const stream = tap.streams[0];
	const progress = stream.events.filter((e) => e.status === 'progress');
	expect(progress).toHaveLength(PROGRESS_STEPS);
	expect(progress.every((e) => e.clientOpen)).toBe(true); // n8n was connected for every progress event
	expect(stream.finalAt).not.toBeNull();
	expect(stream.events.at(-1)).toMatchObject({ status: 'completed', clientOpen: true });

	const nodeRun = run.runData[NODE_NAME][0];
	const nodeStarted = nodeRun.startTime;
	const nodeFinished = nodeRun.startTime + nodeRun.executionTime;
	// the node was already running when the first progress event went out
	expect(nodeStarted).toBeLessThan(progress[0].at);
	// it finished after the completed event ...
	expect(nodeFinished).toBeGreaterThanOrEqual(stream.finalAt - 5);
	// ... and right after it, not when the body ended (the proxy would have ended it HOLD_MS later)
	expect(nodeFinished - stream.finalAt).toBeLessThan(HOLD_MS / 2);
	expect(Date.parse(run.stoppedAt) - stream.finalAt).toBeLessThan(HOLD_MS / 2);

	// The connection is released once the server ends the response. (n8n 2.30.8 wraps streamed
	// bodies in Readable.from(...) (axios 1.18, maxContentLength), so the node's destroy() closes
	// the socket only when the next byte or the end arrives: here that is the proxy's end.)
	const deadline = Date.now() + HOLD_MS + 5000;
	while (!stream.endedByTapAt && !stream.clientClosedAt && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 100));
	}
	expect(stream.endedByTapAt || stream.clientClosedAt).toBeTruthy();
	expect(sim.stats().openStreams).toBe(0);

	console.log(
		`[e2e] stream: progress events at +${progress.map((e) => e.at - stream.openedAt).join(', +')} ms; ` +
			`completed at +${stream.finalAt - stream.openedAt} ms; node finished +${nodeFinished - stream.finalAt} ms after it; ` +
			(stream.clientClosedAt
				? `n8n closed the connection +${stream.clientClosedAt - stream.finalAt} ms after it`
				: `the connection stayed open until the proxy ended the body +${stream.endedByTapAt - stream.finalAt} ms after it`),
	);
});

test('control: a client that buffers the whole body through the same proxy finishes only when the body ends', async () => {
	// What the check above would see from a buffering implementation (fetch + text()).
	const { sim, token } = stack;
	const before = tap.streams.length;
	const res = await fetch(`${tap.url}/v3/midjourney/jobs/imagine`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: 'a buffered one [[ms=1500]]', stream: true }),
	});
	const text = await res.text();
	const finished = Date.now();
	expect(text).toContain('"completed"');
	const stream = tap.streams[before];
	expect(stream.finalAt).not.toBeNull();
	expect(finished - stream.finalAt).toBeGreaterThanOrEqual(HOLD_MS - 50); // fails the "< HOLD_MS / 2" check
	expect(sim.stats().openStreams).toBe(0);
});

test('token hygiene: the API token is nowhere in n8n\'s log, execution data or the simulator log', async () => {
	await assertNoTokenLeak(stack);
});
