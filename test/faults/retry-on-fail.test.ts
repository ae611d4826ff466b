import {
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

/**
 * n8n's own Retry On Fail (node Settings) runs execute() again, up to Max. Tries, when the node
 * throws, and also when output item 0 carries a truthy `json.error` (On Error → Continue).
 * Every try must follow the jobs earlier tries created: one job-creating POST per item.
 */
const session = useFaultSession({ jobDurationMs: 200, progressSteps: 2 });
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

function postsPerPrompt(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const [prompt, posts] of session.postsByPrompt()) counts[prompt] = posts.length;
	return counts;
}

describe("fault: n8n's Retry On Fail runs the node again", () => {
	it.each(['stream', 'poll'])(
		'%s: one item fails, the node throws, n8n retries 3 times: each item is POSTed once',
		async (waitMode) => {
			const result = await session.run(imagine('={{ $json.prompt }}', waitMode), {
				items: prompts('a fine harbour', 'a doomed harbour [[failed]]'),
				nodeSettings: RETRY,
			});

			expect(result.error).toBeDefined();
			expect(postsPerPrompt()).toEqual({ 'a fine harbour': 1, 'a doomed harbour [[failed]]': 1 });
			expect(session.sim.jobs.size).toBe(2);
			expectNoDuplicatePosts(session);
			// The completed job is not lost: the error names it.
			const completed = [...session.sim.jobs.values()].find((job) => job.status === 'completed');
			expect(result.error?.description).toContain(completed!.jobid);
		},
	);

	it('On Error → Continue with item 0 failed (n8n retries on json.error): still one POST per item, both results out', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: prompts('a doomed lighthouse [[failed]]', 'a fine lighthouse'),
			nodeSettings: RETRY,
			continueOnFail: true,
		});

		expectNoLostItems(result, 2);
		expect(result.items[0].json.error).toBeTruthy();
		expect(result.items[1].json.status).toBe('completed');
		expect(postsPerPrompt()).toEqual({
			'a doomed lighthouse [[failed]]': 1,
			'a fine lighthouse': 1,
		});
		expectNoDuplicatePosts(session);
	});

	it('a lost submit (502) whose job cannot be found: the retries look again and never POST again', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a vanishing boat'), { nodeSettings: RETRY });

		expect(result.error?.message).toMatch(/lost the answer|temporarily unavailable/);
		expect(result.error?.description).toMatch(/does not submit it again/);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('a changed item on a later run is a new job, not the earlier one', async () => {
		await session.run(imagine('a first prompt'), { nodeSettings: RETRY });
		await session.run(imagine('a second prompt'), { nodeSettings: RETRY });
		expect(postsPerPrompt()).toEqual({ 'a first prompt': 1, 'a second prompt': 1 });
	});
});
