import type { IDataObject } from 'n8n-workflow';

import { CHANNEL } from '../helpers/simulatorSession';
import {
	DISCORD,
	expectAbandonedJobsCancelled,
	expectErrorNamesCompletedJobs,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	useFaultSession,
} from './faultSession';

const session = useFaultSession({ jobDurationMs: 200, progressSteps: 3 });

/** Adds a second channel the way a user does (Account → Configure) and returns its id. */
async function configureSecondChannel(): Promise<string> {
	const configured = await session.run({
		resource: 'account',
		operation: 'configure',
		discord: DISCORD,
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 3,
		replyUrl: '',
	});
	expect(configured.error).toBeUndefined();
	const channel = configured.items[0].json.channel as string;
	expect(channel).toMatch(/^\d+$/);
	expect(channel).not.toBe(CHANNEL);
	return channel;
}

/** Each item picks its channel: '' lets useapi.net choose a healthy one. */
function perItemChannel(options: IDataObject = {}) {
	return imagine('={{ $json.prompt }}', 'stream', { channel: '={{ $json.channel }}', ...options });
}

describe('fault: one channel locked (596) in the middle of a batch, two channels configured', () => {
	it("with continue on fail: the other items complete, the locked channel's items say Account → Reset", async () => {
		const locked = await configureSecondChannel();
		const items = [
			{ prompt: 'auto one [[ms=600]]', channel: '' },
			{ prompt: 'lock it [[596]]', channel: locked },
			{ prompt: 'on the locked channel 1', channel: locked },
			{ prompt: 'auto two', channel: '' },
			{ prompt: 'on the locked channel 2', channel: locked },
			{ prompt: 'auto three', channel: '' },
		];
		const result = await session.run(perItemChannel({ maxConcurrentJobs: 2 }), {
			items,
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 6);
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(result.items.map((item) => item.json.status ?? 'error')).toEqual([
			'completed',
			'error',
			'error',
			'completed',
			'error',
			'completed',
		]);
		for (const index of [1, 2, 4]) {
			const json = result.items[index].json;
			expect(json.error).toMatch(/locked|has errors/i);
			expect(json.errorDescription).toMatch(/Account → Reset/);
		}
		// Nothing was sent twice, and the items useapi.net routed after the lock ran on the healthy channel.
		expectNoDuplicatePosts(session);
		expect(session.acceptedPosts().filter((post) => post.status === 200)).toHaveLength(3);
		const routedAfterLock = session
			.acceptedPosts()
			.filter((post) => ['auto two', 'auto three'].includes(post.body?.prompt as string));
		expect(routedAfterLock.map((post) => /-c(\d+)-/.exec(post.jobid as string)?.[1])).toEqual([
			CHANNEL,
			CHANNEL,
		]);
		await expectAbandonedJobsCancelled(session);

		// The user does what the error says; the items that were refused then run.
		const reset = await session.run({ resource: 'account', operation: 'reset', channel: locked });
		expect(reset.items[0].json).toEqual({ channel: locked, reset: true });
		const again = await session.run(perItemChannel(), { items: [items[2], items[4]] });
		expect(again.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
	});

	it('without continue on fail: the error names the completed job and says Account → Reset; later items are never sent', async () => {
		const locked = await configureSecondChannel();
		const items = [
			{ prompt: 'auto one [[ms=500]]', channel: '' },
			{ prompt: 'lock it [[596]]', channel: locked },
			{ prompt: 'never sent', channel: '' },
		];
		const result = await session.run(perItemChannel({ maxConcurrentJobs: 2 }), { items });

		expect(result.error?.message).toMatch(/locked/i);
		expect((result.error as { httpCode?: string }).httpCode).toBe('596');
		expect(result.error?.description).toMatch(/Account → Reset/);
		expectNoLostItems(result, 3);
		expect(expectErrorNamesCompletedJobs(session, result)).toHaveLength(1);
		expect(session.jobPosts().map((post) => post.body?.prompt)).toEqual([
			'auto one [[ms=500]]',
			'lock it [[596]]',
		]);
		await expectAbandonedJobsCancelled(session);
	});

	/**
	 * With several channels the user has to know WHICH one to reset. When useapi.net picked the
	 * channel (no Options → Channel), only the job id in the 596 answer says which it was.
	 */
	it('names the locked channel in the error when useapi.net chose it', async () => {
		await configureSecondChannel();
		const result = await session.run(imagine('lock whichever [[596]]'));

		expect((result.error as { httpCode?: string }).httpCode).toBe('596');
		const lockedChannel = [...session.sim.jobs.values()][0].jobid as string;
		const channel = /-c(\d+)-/.exec(lockedChannel)![1];
		expect(`${result.error?.message} ${result.error?.description}`).toContain(channel);
	});
});
