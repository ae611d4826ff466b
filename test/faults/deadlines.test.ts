import { expectNoLostItems, imagine, useFaultSession } from './faultSession';

/**
 * Every wait is bounded by Options → Timeout: a server that stays silent (no answer to the
 * submit, a read that never answers, a body that stops half-way) must not hold the node for
 * n8n's own 300 s request timeout. The node ends within Timeout + a few seconds, cancelling the
 * job it knows of.
 */
const session = useFaultSession({ jobDurationMs: 300, progressSteps: 2 });
const TIMEOUT_S = 2;
/** Timeout, the bounded look for a job whose answer was lost, and the DELETE. */
const GRACE_MS = 7000;

async function runTimed(waitMode: string, prompt = 'a long night [[ms=60000]]') {
	const started = Date.now();
	const result = await session.run(imagine(prompt, waitMode, { timeout: TIMEOUT_S }), {
		continueOnFail: true,
	});
	return { result, seconds: (Date.now() - started) / 1000 };
}

function expectCancelled(jobid: string) {
	expect(session.deletesOf(jobid).map((record) => record.status)).toEqual([204]);
}

describe('fault: silent servers never hold the node past its Timeout', () => {
	it('poll: every GET /jobs/{id} hangs: ends at the Timeout and cancels the job', async () => {
		session.sim.setFaults({ readHangs: 1000 });
		const { result, seconds } = await runTimed('poll');

		expect(seconds).toBeLessThan(TIMEOUT_S + GRACE_MS / 1000);
		expectNoLostItems(result, 1);
		expect(String(result.items[0].json.error)).toMatch(/did not finish within 2 s/);
		expectCancelled(session.acceptedPosts()[0].jobid as string);
	});

	it.each(['stream', 'poll'])(
		'%s: the submit is never answered: ends near the Timeout, finds the job it created and cancels it',
		async (waitMode) => {
			session.sim.setFaults({ submitAnswers: ['hang'] });
			const { result, seconds } = await runTimed(waitMode);

			expect(seconds).toBeLessThan(TIMEOUT_S + GRACE_MS / 1000);
			expectNoLostItems(result, 1);
			expect(String(result.items[0].json.error)).toMatch(/did not finish within 2 s/);
			expect(session.jobPosts()).toHaveLength(1);
			expectCancelled(session.acceptedPosts()[0].jobid as string);
		},
	);

	it('poll: a 201 body that stops half-way: ends near the Timeout, finds the job and cancels it', async () => {
		session.sim.setFaults({ submitAnswers: ['stall'] });
		const { result, seconds } = await runTimed('poll');

		expect(seconds).toBeLessThan(TIMEOUT_S + GRACE_MS / 1000);
		expect(String(result.items[0].json.error)).toMatch(/did not finish within 2 s/);
		expect(session.jobPosts()).toHaveLength(1);
		expectCancelled(session.acceptedPosts()[0].jobid as string);
	});
});

describe('fault: a submit answer cut short', () => {
	it.each(['stream', 'poll'])(
		'%s: the job behind the cut answer is found and followed to the end, never resubmitted',
		async (waitMode) => {
			session.sim.setFaults({ submitAnswers: ['cut'] });
			const { result } = await runTimed(waitMode, 'a short cut [[ms=600]]');

			expect(result.items[0].json.status).toBe('completed');
			expect(result.items[0].json.jobid).toBe(session.acceptedPosts()[0].jobid);
			expect(session.jobPosts()).toHaveLength(1);
		},
	);

	it('stream and poll give the same words when the cut answer hides its job', async () => {
		const texts: string[] = [];
		for (const waitMode of ['stream', 'poll']) {
			session.sim.reset();
			// The job ends before the answer is cut: GET /jobs no longer lists it.
			session.sim.setFaults({ submitAnswers: ['cut'] });
			const { result } = await runTimed(waitMode, 'gone at once [[ms=1]]');
			texts.push(String(result.items[0].json.error ?? ''));
		}
		expect(texts[0]).toMatch(/ended before it confirmed the job/);
		expect(texts[0].replace(/\(.*\)/, '')).toBe(texts[1].replace(/\(.*\)/, ''));
	});
});
