import { eventually } from '../../../test/helpers/simulatorSession';
import { useV1Simulator } from './v1Session';

/**
 * Never paid twice, never stranded, on the /v1 API: n8n's Retry On Fail runs execute() again,
 * a stop abandons the jobs, a lost answer is not resubmitted. Checked on the simulator's log.
 */
const session = useV1Simulator({ jobDurationMs: 200 });
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

const imagine = (prompt: string, waitMode = 'poll') => ({
	operation: 'imagine',
	prompt,
	waitMode,
	simplify: true,
});

function postsPerPrompt(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const post of session.jobPosts()) {
		const prompt = String(post.body?.prompt);
		counts[prompt] = (counts[prompt] ?? 0) + 1;
	}
	return counts;
}

describe("Midjourney /v1 API: n8n's Retry On Fail, Stop and lost answers", () => {
	it('one item fails, n8n retries 3 times: each item is POSTed once, the completed job is named', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'a fine harbour' }, { prompt: 'a doomed harbour [[failed]]' }],
			nodeSettings: RETRY,
		});
		expect(result.error).toBeDefined();
		expect(postsPerPrompt()).toEqual({ 'a fine harbour': 1, 'a doomed harbour [[failed]]': 1 });
		const completed = [...session.sim.jobs.values()].find((job) => job.status === 'completed');
		expect(result.error?.description).toContain(completed!.id as string);
	});

	it('On Error → Continue with item 0 failed (n8n retries on json.error): one POST per item, both results out', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'a doomed lighthouse [[failed]]' }, { prompt: 'a fine lighthouse' }],
			nodeSettings: RETRY,
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBeTruthy();
		expect(result.items[1].json.status).toBe('completed');
		expect(postsPerPrompt()).toEqual({
			'a doomed lighthouse [[failed]]': 1,
			'a fine lighthouse': 1,
		});
	});

	it('a lost answer (502) with Retry On Fail: the retries never POST again', async () => {
		session.sim.setFaults({ submitErrors: [502] });
		const result = await session.run(imagine('a vanishing boat'), { nodeSettings: RETRY });
		expect(result.error?.description).toMatch(/does not submit again|does not submit it again/);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('Stop cancels the running jobs with POST /v1/jobs/{id}/cancel', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'long one [[ms=60000]]' }, { prompt: 'long two [[ms=60000]]' }],
			cancelAfterMs: 600,
		});
		expect(result.status).toBe('canceled');
		const ids = session.jobPosts().map((post) => post.jobId as string);
		expect(ids).toHaveLength(2);
		await eventually(() => ids.every((id) => session.sim.jobs.get(id)?.status === 'cancelled'));
		for (const id of ids) expect(session.requests('POST', `/v1/jobs/${id}/cancel`)).toHaveLength(1);
	});
});
