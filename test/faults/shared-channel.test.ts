import type { IDataObject } from 'n8n-workflow';

import { expectNoDuplicatePosts, prompts, useFaultSession } from './faultSession';

/**
 * Two executions at once on one channel of capacity 3: each assumes the 3 slots are its own, so
 * the channel answers 429 to the surplus. With the default Busy Retry pause (10–30 s) a 429 used
 * to cost at least 10 s; the node now watches the channel (GET /jobs, shared by the items of an
 * execution) and submits as soon as a slot frees.
 */
const session = useFaultSession({ jobDurationMs: 1000, progressSteps: 2 });

function batch(): IDataObject {
	return {
		resource: 'job',
		operation: 'imagine',
		prompt: '={{ $json.prompt }}',
		waitMode: 'stream',
		options: {},
	};
}

describe('fault: executions sharing one channel', () => {
	it('2 executions × 6 items at capacity 3: all complete, one accepted POST each, slots refilled without the 10 s busy pause', async () => {
		const started = Date.now();
		const [first, second] = await Promise.all([
			session.run(batch(), {
				items: prompts(...Array.from({ length: 6 }, (_, i) => `first ${i}`)),
			}),
			session.run(batch(), {
				items: prompts(...Array.from({ length: 6 }, (_, i) => `second ${i}`)),
			}),
		]);
		const seconds = (Date.now() - started) / 1000;

		for (const result of [first, second]) {
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		}
		expect(session.acceptedPosts()).toHaveLength(12);
		expectNoDuplicatePosts(session);
		const busy = session.jobPosts().filter((post) => post.status === 429);
		expect(busy.length).toBeGreaterThan(0); // the executions did compete for the slots
		expect(session.requests('GET', '/v3/midjourney/jobs').length).toBeGreaterThan(0); // watched
		// Ideal: 12 jobs × 1 s / 3 slots = 4 s. A single 10 s busy pause would exceed 10 s.
		expect(seconds).toBeLessThan(10);
	});
});
