import { CHANNEL } from '../helpers/simulatorSession';
import { imagine, prompts, useFaultSession } from './faultSession';

const session = useFaultSession({ jobDurationMs: 400, progressSteps: 2 });

describe('numeric options that come from expressions as strings', () => {
	it('Timeout "1" (from $json) is one second, not the 600 s default', async () => {
		const started = Date.now();
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { timeout: '={{ $json.t }}' }),
			{ items: [{ prompt: 'a slow lighthouse [[ms=5000]]', t: '1' }], continueOnFail: true },
		);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(String(result.items[0].json.error)).toMatch(/did not finish within 1 s/);
		const [post] = session.acceptedPosts();
		expect(session.deletesOf(post.jobid as string)).toHaveLength(1);
	});

	it('Max Concurrent Jobs "1" runs one job at a time', async () => {
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: '={{ "1" }}' }),
			{ items: prompts('one', 'two', 'three') },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(3).fill('completed'));
		const stats = session.sim.stats() as { maxConcurrent: Record<string, { total: number }> };
		expect(stats.maxConcurrent[CHANNEL].total).toBe(1);
	});

	it.each([
		['timeout', 'soon', /Options → Timeout \(Seconds\) \[item 0\] must be a number.*"soon"/],
		['pollInterval', 'fast', /Options → Poll Interval \(Seconds\) \[item 0\] must be a number/],
		['maxConcurrentJobs', 'many', /Options → Max Concurrent Jobs \[item 0\] must be a number/],
	])('%s "%s" fails the item before any request', async (option, value, message) => {
		const result = await session.run(
			imagine('a paper boat', 'poll', { [option]: `={{ "${value}" }}` }),
		);
		expect(result.error?.message).toMatch(message);
		expect(session.jobPosts()).toHaveLength(0);
	});

	it('Busy Retry waits of 0 and 0 (a tight loop of POSTs on 429) are refused', async () => {
		const result = await session.run(
			imagine('a paper boat', 'stream', { busyRetryMinSeconds: 0, busyRetryMaxSeconds: 0 }),
		);
		expect(result.error?.message).toMatch(/Busy Retry waits are inconsistent/);
		expect(session.jobPosts()).toHaveLength(0);
	});
});
