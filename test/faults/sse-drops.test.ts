import {
	JOB_POST,
	expectAbandonedJobsCancelled,
	expectFinalJob,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

// Events of an imagine stream: initialized, created, started, progress × 3, completed.
const session = useFaultSession({ jobDurationMs: 250, progressSteps: 3 });

describe('fault: the SSE stream drops before the final event', () => {
	it.each([
		['the first event (initialized)', 1],
		['mid-progress', 5],
		['the last event before completion', 6],
	])('after %s: the result comes by polling, with one POST and no DELETE', async (_name, after) => {
		session.sim.setFaults({ dropAfterEvents: { after, count: 1 } });
		const result = await session.run(imagine('a fox in the snow'));

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 1);
		const json = result.items[0].json;
		expect(json.status).toBe('completed');
		expectFinalJob(session, json);

		const [post] = session.jobPosts();
		expect(session.jobPosts()).toHaveLength(1);
		expect(post).toMatchObject({ status: 200, stream: true, dropped: true, sseEvents: after });
		const reads = session.requests('GET', JOB_POST);
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((read) => read.path === `${JOB_POST}${json.jobid as string}`)).toBe(true);
		await expectAbandonedJobsCancelled(session);
		expect(session.requests('DELETE', JOB_POST)).toHaveLength(0);
	});

	it('in a batch of 6 with drops on 3 streams: all 6 complete, only the dropped jobs are polled', async () => {
		session.sim.setFaults({ dropAfterEvents: { after: 4, count: 3 } });
		const items = prompts(...Array.from({ length: 6 }, (_, i) => `batch drop ${i}`));
		const result = await session.run(imagine('={{ $json.prompt }}'), { items });

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 6);
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect((item.json.request as { prompt: string }).prompt).toBe(`batch drop ${index}`);
			expectFinalJob(session, item.json);
		});

		expect(session.acceptedPosts()).toHaveLength(6);
		expectNoDuplicatePosts(session);
		const dropped = session
			.jobPosts()
			.filter((post) => post.dropped)
			.map((post) => post.jobid);
		expect(dropped).toHaveLength(3);
		const polled = new Set(
			session.requests('GET', JOB_POST).map((read) => read.path.slice(JOB_POST.length)),
		);
		expect([...polled].sort()).toEqual([...dropped].sort());
		await expectAbandonedJobsCancelled(session);
	});

	it('every stream of a batch drops after 2 events: nothing lost, nothing resubmitted', async () => {
		session.sim.setFaults({ dropAfterEvents: { after: 2, count: 100 } });
		const items = prompts('all drop 0', 'all drop 1', 'all drop 2', 'all drop 3');
		const result = await session.run(imagine('={{ $json.prompt }}'), { items });

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 4);
		for (const item of result.items) expectFinalJob(session, item.json);
		expect(session.jobPosts().every((post) => post.dropped)).toBe(true);
		expect(session.acceptedPosts()).toHaveLength(4);
		expectNoDuplicatePosts(session);
	});
});
