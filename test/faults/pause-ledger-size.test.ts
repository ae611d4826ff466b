/**
 * Pause Until Callback keeps the batch's job ids in the execution's custom data, which n8n caps
 * (10 keys of 255 characters). Whether a batch fits depends on the API's job id format: /v1 ids
 * are UUIDs, useapi.net's (v2, v3) are `j…-u…-c…-bot:midjourney`. A batch that cannot be paused
 * must be refused before any job is paid for; a ledger that fails after payment must name every
 * job and cancel what still runs.
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { RunNodeResult } from '../../tools/harness/runNode';
import { CHANNEL, eventually, useSimulator } from '../helpers/simulatorSession';
import { useV2Simulator, V2_CHANNEL } from '../legacy/legacySession';
import { useV1Simulator } from '../../packages/midjourney-v1-api/test/v1Session';

const WIDE = 500;
const v3 = useSimulator({
	jobDurationMs: 40,
	channels: [{ channel: CHANNEL, maxJobs: WIDE, maxImageJobs: WIDE, maxVideoJobs: 3 }],
});
const v1 = useV1Simulator({ jobDurationMs: 40, capacity: WIDE });
const v2 = useV2Simulator({
	jobDurationMs: 40,
	accounts: [
		{ channel: V2_CHANNEL, server: '1111111111111111111', discord: 'MTI...xyz', maxJobs: 15 },
	],
});

interface Api {
	label: string;
	run: (parameters: IDataObject, items: IDataObject[]) => Promise<RunNodeResult>;
	posts: () => number;
	/** The job ids the API issued in this test, in submit order. */
	jobIds: () => string[];
	/** The jobs submitted with the resume URL as their callback. */
	pausedJobIds: () => string[];
	callbackOf: (jobId: string) => IDataObject | undefined;
	/** Every callback the API sent, in order. */
	callbacks: () => IDataObject[];
}

const pause = { operation: 'imagine', prompt: '={{ $json.prompt }}', waitMode: 'webhook' };
const prompts = (count: number, ms = 40, lastMs = ms) =>
	Array.from({ length: count }, (_, i) => ({
		prompt: `cat ${i} [[ms=${i >= count - 20 ? lastMs : ms}]]`,
	}));

const APIS: Api[] = [
	{
		label: 'Midjourney /v1 API (/v1)',
		run: async (parameters, items) =>
			await v1.run({ ...parameters, options: { maxConcurrentJobs: WIDE } }, { items }),
		posts: () => v1.jobPosts().length,
		jobIds: () => v1.jobPosts().map((post) => post.jobId as string),
		pausedJobIds: () =>
			v1
				.jobPosts()
				.filter((post) => post.body?.webhook_url)
				.map((post) => post.jobId as string),
		callbackOf: (jobId) => v1.sim.callbacks.find((c) => c.jobId === jobId)?.body,
		callbacks: () => v1.sim.callbacks.map((c) => c.body),
	},
	{
		label: 'Midjourney (useapi.net v3)',
		run: async (parameters, items) =>
			await v3.run(
				{ resource: 'job', ...parameters, options: { maxConcurrentJobs: WIDE } },
				{ items },
			),
		posts: () => v3.jobPosts().length,
		jobIds: () => v3.jobPosts().map((post) => post.jobid as string),
		pausedJobIds: () =>
			v3
				.jobPosts()
				.filter((post) => post.body?.replyUrl)
				.map((post) => post.jobid as string),
		callbackOf: (jobid) => v3.sim.callbacks.find((c) => c.body.jobid === jobid)?.body,
		callbacks: () => v3.sim.callbacks.map((c) => c.body),
	},
	{
		label: 'Midjourney v2 (Legacy)',
		run: async (parameters, items) =>
			// v2 runs at most 15 jobs at once: the earlier rounds are followed by reading them.
			await v2.run(
				{ ...parameters, options: { maxConcurrentJobs: 15, maxJobs: 15, pollInterval: 0.1 } },
				{ items },
			),
		posts: () => v2.jobPosts().length,
		jobIds: () => v2.jobPosts().map((post) => post.jobid as string),
		pausedJobIds: () =>
			v2
				.jobPosts()
				.filter((post) => post.body?.replyUrl)
				.map((post) => post.jobid as string),
		callbackOf: (jobid) => v2.sim.callbacks.find((c) => c.jobid === jobid)?.body,
		callbacks: () => v2.sim.callbacks.map((c) => c.body),
	},
];

/** The number of items the refusal says fit, from its message. */
function itemsThatFit(result: RunNodeResult): number {
	const fit = /at most (\d+) items/.exec(result.error?.message ?? '');
	expect(fit).not.toBeNull();
	return Number(fit![1]);
}

describe.each(APIS)(
	'Pause Until Callback, $label: the ledger fits the batch or nothing is paid',
	(api) => {
		it('refuses a batch too large to pause before any submit, saying how many items fit and what to do', async () => {
			const refused = await api.run(pause, prompts(WIDE));
			expect(refused.status).toBe('error');
			expect(api.posts()).toBe(0);
			expect(refused.error?.description).toMatch(/Loop Over Items/);
			const fit = itemsThatFit(refused);
			// useapi.net v3's old limit was 63 items: no API may do worse than that.
			expect(fit).toBeGreaterThanOrEqual(63);

			const justOver = await api.run(pause, prompts(fit + 1));
			expect(justOver.status).toBe('error');
			expect(api.posts()).toBe(0);
			expect(itemsThatFit(justOver)).toBe(fit);
		});

		it('pauses the largest batch that fits and resumes it with every job', async () => {
			const fit = itemsThatFit(await api.run(pause, prompts(WIDE)));
			// The last round runs long enough to be still running when the execution pauses (v2's
			// earlier rounds are followed first).
			const paused = await api.run(pause, prompts(fit, 2000, 8000));
			expect({ posts: api.posts(), error: paused.error?.message }).toEqual({
				posts: fit,
				error: undefined,
			});
			expect(paused.status).toBe('waiting');
			const jobIds = api.jobIds();
			// Earlier rounds (v2 runs 15 at once) are followed in execute(); the last round calls back.
			const called = api.pausedJobIds();
			expect(called.length).toBeGreaterThan(0);
			await eventually(() => called.every((id) => api.callbackOf(id) !== undefined), 40_000);
			// Delivered in the order they came: the callback of the job that finished last resumes.
			let resumed: IWebhookResponseData = {};
			for (const body of api.callbacks()) {
				resumed = await paused.resume(body);
				if (resumed.workflowData) break;
			}
			const items = resumed.workflowData?.[0] ?? [];
			expect(items.map((item) => item.json.jobid)).toEqual(jobIds);
			expect(items.every((item) => item.json.status === 'completed')).toBe(true);
			expect(api.posts()).toBe(fit);
		}, 120_000);
	},
);

describe('Pause Until Callback: a ledger that does not fit after payment', () => {
	const LONG_CHANNEL = '1234567890'.repeat(4);
	const odd = useSimulator({
		jobDurationMs: 5_000,
		channels: [{ channel: LONG_CHANNEL, maxJobs: WIDE, maxImageJobs: WIDE, maxVideoJobs: 3 }],
	});

	it('names every job it paid for and cancels those still running', async () => {
		// Ids on a 40-digit channel are longer than useapi.net's format allows for: the batch passes
		// the check before submitting, yet its ids no longer fit once they are known.
		const fit = itemsThatFit(
			await odd.run(
				{ resource: 'job', ...pause, options: { maxConcurrentJobs: WIDE } },
				{ items: prompts(WIDE) },
			),
		);
		const result = await odd.run(
			{ resource: 'job', ...pause, options: { maxConcurrentJobs: WIDE } },
			{ items: prompts(fit, 5000) },
		);
		expect(result.status).toBe('error');
		const jobIds = odd.jobPosts().map((post) => post.jobid as string);
		expect(jobIds).toHaveLength(fit);
		const told = `${result.error?.message} ${result.error?.description}`;
		for (const jobId of jobIds) expect(told).toContain(jobId);
		const cancelled = odd.requests('DELETE', '/v3/midjourney/jobs/').map((r) => r.path);
		expect(cancelled).toHaveLength(fit);
		for (const jobId of jobIds) {
			expect(cancelled).toContain(`/v3/midjourney/jobs/${jobId}`);
		}
	}, 60_000);
});
