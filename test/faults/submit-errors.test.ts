import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, eventually } from '../helpers/simulatorSession';
import {
	expectAbandonedJobsCancelled,
	expectErrorNamesCompletedJobs,
	expectFinalJob,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

const session = useFaultSession({ jobDurationMs: 200, progressSteps: 3 });

function numbered(name: string, count: number): IDataObject[] {
	return prompts(...Array.from({ length: count }, (_, i) => `${name} ${i}`));
}

describe('fault: 503 "Failed to process your command" on submit (no job was created)', () => {
	it.each(['stream', 'poll'])(
		'%s: resubmits until accepted, one job, nothing cancelled',
		async (waitMode) => {
			session.sim.setFaults({ submitErrors: [503, 503] });
			const result = await session.run(imagine('a paper boat', waitMode));

			expect(result.error).toBeUndefined();
			expectNoLostItems(result, 1);
			expectFinalJob(session, result.items[0].json);
			expect(session.jobPosts().map((post) => post.status)).toEqual([
				503,
				503,
				waitMode === 'stream' ? 200 : 201,
			]);
			expect(session.sim.jobs.size).toBe(1);
			expectNoDuplicatePosts(session);
			await expectAbandonedJobsCancelled(session);
		},
	);

	it('in a batch of 6, three 503s cost three repeats and no extra job', async () => {
		session.sim.setFaults({ submitErrors: [503, 503, 503] });
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: numbered('batch 503', 6),
		});

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 6);
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		expect(session.acceptedPosts()).toHaveLength(6);
		expect(session.jobPosts().filter((post) => post.status === 503)).toHaveLength(3);
		expect(session.sim.jobs.size).toBe(6);
		expectNoDuplicatePosts(session);
	});

	it('at a 40 % 503 rate, all 6 items complete: POSTs = accepted + 503s, no duplicate', async () => {
		// Seed 4, one item at a time: the second item is refused four times in a row, which the
		// former limit of three resubmits gave up on.
		session.sim.setFaults({ submitErrorRate: { status: 503, rate: 0.4, seed: 4 } });
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: 1 }),
			{ items: numbered('rate 503', 6) },
		);

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 6);
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		for (const item of result.items) expectFinalJob(session, item.json);
		const statuses = session.jobPosts().map((post) => post.status);
		const refused = statuses.filter((status) => status === 503).length;
		expect(session.postsByPrompt().get('rate 503 1')?.map((post) => post.status)).toEqual([
			503, 503, 503, 503, 200,
		]);
		expect(session.acceptedPosts()).toHaveLength(6);
		expect(statuses).toHaveLength(6 + refused);
		expect(session.sim.jobs.size).toBe(6);
		expectNoDuplicatePosts(session);
		await expectAbandonedJobsCancelled(session);
	});

	it('gives up at the Timeout, saying nothing was created and how often it was sent', async () => {
		session.sim.setFaults({ submitErrorRate: { status: 503, rate: 1, seed: 1 } });
		const result = await session.run(imagine('a paper boat', 'stream', { timeout: 2 }));

		expect(result.error?.message).toMatch(/temporarily unavailable/i);
		expect((result.error as { httpCode?: string }).httpCode).toBe('503');
		expect(result.error?.description).toMatch(/Nothing was created/);
		expect(result.error?.description).toMatch(/sent it \d+ time\(s\)/);
		expectNoLostItems(result, 1);
		expect(session.jobPosts().length).toBeGreaterThanOrEqual(2);
		expect(session.jobPosts().every((post) => post.status === 503)).toBe(true);
		expect(session.sim.jobs.size).toBe(0);
	});
});

describe('fault: 502 on submit (a job may or may not exist)', () => {
	it('never resubmits after a 502 that created no job, and fails clearly', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a paper boat'));

		expect(result.error?.message).toMatch(/temporarily unavailable: 502 Bad Gateway/i);
		expect((result.error as { httpCode?: string }).httpCode).toBe('502');
		expect(result.error?.description).toMatch(/looked among the running jobs .* found none/);
		expectNoLostItems(result, 1);
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.sim.jobs.size).toBe(0);
	});

	it.each(['stream', 'poll'])(
		'%s: a 502 after useapi.net created the job: the node finds that job and follows it, no second POST',
		async (waitMode) => {
			session.sim.setFaults({ submitErrors: [{ status: 502, created: true }] });
			const result = await session.run(imagine('a lost lantern [[ms=600]]', waitMode));

			expect(result.error).toBeUndefined();
			expectNoLostItems(result, 1);
			expect(session.sim.jobs.size).toBe(1);
			const [created] = session.sim.jobs.values();
			expect(result.items[0].json).toMatchObject({ jobid: created.jobid, status: 'completed' });
			expect(session.jobPosts()).toHaveLength(1);
			expectNoDuplicatePosts(session);
		},
	);

	it('in a batch (continue on fail): the job behind a 502 is found and completes, nothing is resubmitted', async () => {
		session.sim.setFaults({ submitErrors: [{ status: 502, created: true }] });
		const items = prompts('gateway first', 'gateway second', 'gateway third');
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: 1 }),
			{ items, continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 3);
		// The job the 502 hid was found among the running jobs and followed like the others.
		expect(result.items.map((item) => item.json.status)).toEqual([
			'completed',
			'completed',
			'completed',
		]);
		expect(session.jobPosts()).toHaveLength(3);
		expect(session.postsByPrompt().get('gateway first')).toHaveLength(1);
		expectNoDuplicatePosts(session);
	});

	it('without continue on fail: stops, names the completed job, and the waiting items are never sent', async () => {
		const items = prompts('fine [[ms=400]]', 'gateway', 'never sent 1', 'never sent 2');
		const running = session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: 1 }),
			{ items },
		);
		// The next POST (item 1's, sent once item 0 finished) answers 502.
		await eventually(() => session.jobPosts().length === 1);
		session.sim.setFaults({ submitErrors: [502] });
		const result = await running;

		expect(result.error?.message).toMatch(/temporarily unavailable/i);
		expectNoLostItems(result, 4);
		const completed = expectErrorNamesCompletedJobs(session, result);
		expect(completed).toHaveLength(1);
		expect(session.jobPosts().map((post) => post.body?.prompt)).toEqual([
			'fine [[ms=400]]',
			'gateway',
		]);
		expectNoDuplicatePosts(session);
		await expectAbandonedJobsCancelled(session);
	});

	/**
	 * README, Batches 4: "After any other failure, a job may exist, so the node never submits
	 * again. It reports the problem instead, and tells you where to look (Job → List Running)."
	 */
	it('after a 502 on submit whose job is nowhere to be found, the error says the job may exist and where to look, not just "run again"', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a paper boat'));

		expect(result.error?.description).toMatch(/found none/);
		expect(result.error?.description).toMatch(/Job → List Running/);
		expect(result.error?.description).not.toMatch(/Run the node again/i);
	});
});

describe('fault: a 429 storm', () => {
	it.each(['stream', 'poll'])(
		'%s: force429 20 in a batch of 10: all 10 complete with exactly 10 accepted POSTs',
		async (waitMode) => {
			session.sim.setFaults({ force429: 20 });
			const result = await session.run(imagine('={{ $json.prompt }}', waitMode), {
				items: numbered(`storm ${waitMode}`, 10),
			});

			expect(result.error).toBeUndefined();
			expectNoLostItems(result, 10);
			expect(result.items.map((item) => item.json.status)).toEqual(Array(10).fill('completed'));
			for (const item of result.items) expectFinalJob(session, item.json);
			expect(session.acceptedPosts()).toHaveLength(10);
			const statuses = session.jobPosts().map((post) => post.status);
			expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
			expect(statuses.filter((status) => status !== 429)).toHaveLength(10);
			expectNoDuplicatePosts(session);
			const stats = session.sim.stats() as {
				maxConcurrent: Record<string, { images: number }>;
				faults?: unknown;
			};
			expect(stats.maxConcurrent[CHANNEL].images).toBeLessThanOrEqual(3);
			expect(JSON.stringify(result.items)).not.toMatch(/busy/);
			await expectAbandonedJobsCancelled(session);
		},
	);
});

describe('fault: latency spikes', () => {
	it.each(['stream', 'poll'])(
		'%s: spikes of 300 ms on submits and reads lose nothing and duplicate nothing',
		async (waitMode) => {
			session.sim.setFaults({ latencySpikes: { ms: 300, count: 6 }, latencyMs: 10 });
			const result = await session.run(imagine('={{ $json.prompt }}', waitMode), {
				items: numbered(`spike ${waitMode}`, 6),
			});

			expect(result.error).toBeUndefined();
			expectNoLostItems(result, 6);
			for (const item of result.items) expectFinalJob(session, item.json);
			expect(session.acceptedPosts()).toHaveLength(6);
			expectNoDuplicatePosts(session);
			await expectAbandonedJobsCancelled(session);
		},
	);
});

describe('fault: a lost submit among items that share a replyRef and a prompt', () => {
	it('never adopts the job another item of the run created and follows', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { replyRef: 'batch-7', maxConcurrentJobs: 2 }),
			{
				items: prompts('twin lantern [[ms=2500]]', 'twin lantern [[ms=2500]]'),
				continueOnFail: true,
			},
		);

		expectNoLostItems(result, 2);
		const jobids = result.items.map((item) => item.json.jobid).filter(Boolean);
		expect(new Set(jobids).size).toBe(jobids.length);
		expect(session.sim.jobs.size).toBe(1);
		expect(result.items.filter((item) => item.json.status === 'completed')).toHaveLength(1);
		expect(String(result.items.find((item) => item.json.error)?.json.errorDescription)).toMatch(
			/found none/,
		);
	});
});
