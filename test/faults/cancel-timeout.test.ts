import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { eventually } from '../helpers/simulatorSession';
import {
	JOB_POST,
	expectAbandonedJobsCancelled,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

const session = useFaultSession({ jobDurationMs: 200, progressSteps: 3 });

const SLOW = '[[ms=10000]]';

function slowBatch(name: string, count: number): IDataObject[] {
	return prompts(...Array.from({ length: count }, (_, i) => `${name} ${i} ${SLOW}`));
}

/** Waits until the node has cancelled the jobs it started, then checks nothing more was sent. */
async function expectCancelledAndQuiet(accepted: number) {
	await eventually(() => session.requests('DELETE', JOB_POST).length >= accepted, 5000);
	const posts = session.jobPosts().length;
	await sleep(400); // several busy-retry periods: a lane that kept going would POST again
	expect(session.jobPosts()).toHaveLength(posts);
	expect(session.acceptedPosts()).toHaveLength(accepted);
	for (const job of session.sim.jobs.values()) {
		expect(job).toMatchObject({ status: 'failed', error: 'Job cancelled by user' });
	}
	await expectAbandonedJobsCancelled(session);
	expectNoDuplicatePosts(session);
}

describe('fault: the user stops the execution mid-batch', () => {
	it.each([
		['stream', {}, {}],
		['poll', {}, {}],
		[
			'stream, after the streams dropped (polling)',
			{},
			{ dropAfterEvents: { after: 2, count: 10 } },
		],
	])(
		'%s: every running job is DELETEd, jobs not yet submitted are never submitted',
		async (mode, options, faults) => {
			session.sim.setFaults(faults);
			const waitMode = mode.startsWith('poll') ? 'poll' : 'stream';
			const result = await session.run(imagine('={{ $json.prompt }}', waitMode, options), {
				items: slowBatch(`stop ${waitMode}`, 6),
				cancelAfterMs: 700,
			});

			expect(result.status).toBe('canceled');
			await expectCancelledAndQuiet(3);
			// The three items that were waiting for a lane never reached the API.
			const sent = session.jobPosts().map((post) => post.body?.prompt);
			expect(sent).toEqual([0, 1, 2].map((i) => `stop ${waitMode} ${i} ${SLOW}`));
		},
	);

	it('items waiting out 429s (Max Concurrent Jobs above capacity) stop retrying', async () => {
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: 6 }),
			{
				items: slowBatch('busy stop', 6),
				cancelAfterMs: 700,
			},
		);

		expect(result.status).toBe('canceled');
		expect(session.jobPosts().filter((post) => post.status === 429).length).toBeGreaterThan(0);
		await expectCancelledAndQuiet(3);
	});
});

describe('fault: the timeout passes', () => {
	it.each(['stream', 'poll'])(
		'%s: slow jobs are DELETEd and reported, the fast ones complete',
		async (waitMode) => {
			const items = prompts(
				'fast one [[ms=200]]',
				`slow one ${SLOW}`,
				`slow two ${SLOW}`,
				'fast two [[ms=200]]',
			);
			const result = await session.run(imagine('={{ $json.prompt }}', waitMode, { timeout: 1 }), {
				items,
				continueOnFail: true,
			});

			expect(result.error).toBeUndefined();
			expectNoLostItems(result, 4);
			expect(result.items.map((item) => item.json.status ?? 'error')).toEqual([
				'completed',
				'error',
				'error',
				'completed',
			]);
			for (const index of [1, 2]) {
				expect(result.items[index].json.error).toMatch(/did not finish within 1 s/);
				expect(result.items[index].json.errorDescription).toMatch(/cancelled/);
			}
			await expectAbandonedJobsCancelled(session);
			const cancelled = [...session.sim.jobs.values()].filter(
				(job) => job.error === 'Job cancelled by user',
			);
			expect(cancelled.map((job) => (job.request as IDataObject).prompt)).toEqual([
				`slow one ${SLOW}`,
				`slow two ${SLOW}`,
			]);
			expectNoDuplicatePosts(session);
		},
	);

	it('without continue on fail: the timed-out job is DELETEd and the error names the job that completed', async () => {
		const items = prompts('fast [[ms=200]]', `slow ${SLOW}`);
		const result = await session.run(imagine('={{ $json.prompt }}', 'stream', { timeout: 1 }), {
			items,
		});

		expect(result.error?.message).toMatch(/did not finish within 1 s/);
		expect(result.error?.description).toMatch(/cancelled/);
		const completed = [...session.sim.jobs.values()].find((job) => job.status === 'completed');
		expect(result.error?.description).toContain(completed?.jobid as string);
		await expectAbandonedJobsCancelled(session);
	});

	/**
	 * A queued or stuck Midjourney job sends no event for minutes while its stream stays open.
	 * The timeout must still end the wait (and DELETE the job) on time, not when the next event
	 * happens to arrive. Here the next event comes 4 s after the start; the timeout is 1 s.
	 */
	it('stream: the timeout fires on time while the stream is silent', async () => {
		const started = Date.now();
		const result = await session.run(imagine('silent [[ms=20000]]', 'stream', { timeout: 1 }), {
			continueOnFail: true,
		});
		const took = Date.now() - started;

		expect(result.items[0].json.error).toMatch(/did not finish within 1 s/);
		await expectAbandonedJobsCancelled(session);
		// The simulator's log times (ms since it started) share the machine's clock with the test.
		const deleteAfterMs = session.requests('DELETE', JOB_POST)[0].t - session.jobPosts()[0].t;
		expect(deleteAfterMs).toBeLessThan(2000);
		expect(took).toBeLessThan(2500);
	});

	it('an item still waiting for a free slot at the timeout fails without ever creating a job', async () => {
		const items = [...slowBatch('hog', 3), { prompt: 'queued behind them' }];
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { timeout: 1, maxConcurrentJobs: 4 }),
			{ items, continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 4);
		const queued = result.items[3].json;
		expect(queued.error).toMatch(/busy|did not finish/i);
		await expectAbandonedJobsCancelled(session);
		expectNoDuplicatePosts(session);
		expect(session.requests('DELETE', JOB_POST)).toHaveLength(
			session.acceptedPosts().filter((post) => post.body?.prompt !== 'queued behind them').length +
				(queued.error?.toString().includes('did not finish') ? 1 : 0),
		);
	});
});
