import type { IDataObject } from 'n8n-workflow';

import { useV1Simulator } from './v1Session';

/**
 * The /v1 API reports no capacity: the node starts 3 jobs at once (Max Concurrent Jobs 0) and
 * learns the account's limit from its 429. A Busy Retry pause far beyond the Timeout makes the
 * decision visible without timing anything: a node that sleeps it out cannot finish the item.
 */
const session = useV1Simulator({ capacity: 2 });

const BLIND_PAUSE_BEYOND_TIMEOUT = {
	busyRetryMinSeconds: 900,
	busyRetryMaxSeconds: 900,
	timeout: 120,
};

const imagine = (options: IDataObject = {}) => ({
	operation: 'imagine',
	prompt: '={{ $json.prompt }}',
	waitMode: 'poll',
	options: { ...BLIND_PAUSE_BEYOND_TIMEOUT, ...options },
});

const items = (count: number, ms: number) =>
	Array.from({ length: count }, (_, i) => ({ prompt: `learn ${i} [[ms=${ms}]]` }));

const lastReadOf = (jobId: string) => session.requests('GET', `/v1/jobs/${jobId}`).at(-1);

describe('Midjourney /v1 API: the capacity learnt from a 429', () => {
	it('after a 429 with 2 of its jobs running, the next submit waits for one of them to end, not for the Busy Retry pause', async () => {
		const result = await session.run(imagine(), { items: items(3, 300) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(3).fill('completed'));
		const posts = session.jobPosts();
		expect(posts.map((post) => post.status)).toEqual([200, 200, 429, 200]);
		const [first, second] = posts.map((post) => (post.body as IDataObject | undefined)?.prompt);
		expect([first, second]).toEqual(['learn 0 [[ms=300]]', 'learn 1 [[ms=300]]']);
		// The resubmit went out once the node had seen one of the two running jobs end: a job's
		// last read is the one that found it final.
		const running = [...session.sim.jobs.keys()].slice(0, 2);
		const seenEnded = running.map((jobId) => session.sim.log.indexOf(lastReadOf(jobId)!));
		expect(session.sim.log.indexOf(posts[3])).toBeGreaterThan(Math.min(...seenEnded));
	});

	it('keeps to the learnt capacity: 6 items on 2 slots, never 3 submits at once after the first 429', async () => {
		const result = await session.run(imagine(), { items: items(6, 300) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		const posts = session.jobPosts();
		expect(posts.filter((post) => post.status === 200)).toHaveLength(6);
		// Growing back costs at most one probe per round of 2 jobs; resubmitting blindly costs more.
		expect(posts.filter((post) => post.status === 429).length).toBeLessThanOrEqual(3);
		expect(session.sim.stats().maxConcurrent).toBe(2);
	});

	it('the job resubmitted after the 429 is read from when it was accepted, not from the first try: seen at its end, not at the next Poll Interval', async () => {
		// A Poll Interval beyond the Timeout: a job read only on the interval's tick cannot finish.
		const result = await session.run(imagine({ pollInterval: 300, timeout: 20 }), {
			items: items(3, 1500),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(3).fill('completed'));
		expect(session.jobPosts().map((post) => post.status)).toEqual([200, 200, 429, 200]);
	});

	it('a 429 while none of its own jobs runs is waited out by the Busy Retry pause, as before', async () => {
		session.sim.setFaults({ force429: 1 });
		const result = await session.run(
			imagine({ busyRetryMinSeconds: 0.1, busyRetryMaxSeconds: 0.2 }),
			{ items: items(1, 100) },
		);
		expect(result.error).toBeUndefined();
		expect(session.jobPosts().map((post) => post.status)).toEqual([429, 200]);
	});
});
