import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RunNodeResult } from '../../tools/harness/runNode';
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

const EVIL = 'https://evil.example/forged.png';

function pause(options: IDataObject = {}) {
	return imagine('={{ $json.prompt }}', 'webhook', options);
}

/** What one delivery to the resume URL did. */
interface Delivery {
	label: string;
	resumed: boolean;
	response: IWebhookResponseData;
}

async function deliver(
	paused: RunNodeResult,
	label: string,
	body: IDataObject,
	log: Delivery[],
): Promise<Delivery> {
	const response = await paused.resume(body);
	const delivery = { label, resumed: response.workflowData !== undefined, response };
	expect(response.workflowData !== undefined || JSON.stringify(response) === '{}').toBe(true);
	log.push(delivery);
	return delivery;
}

/** The resumed items must be the jobs' real final state on useapi.net, whatever the callbacks said. */
function expectResumedWithTheApiState(delivery: Delivery, jobids: string[]) {
	const items = delivery.response.workflowData![0];
	expect(items.map((item) => item.json.jobid)).toEqual(jobids);
	expect(items.map((item) => item.pairedItem)).toEqual(jobids.map((_, item) => ({ item })));
	for (const item of items) {
		const job = session.sim.jobs.get(item.json.jobid as string)!;
		expect(item.json.status).toBe(job.status);
		expect(item.json.updated).toBe(job.updated);
		expect(JSON.stringify(item.json)).not.toContain(EVIL);
		if (job.status === 'completed') expect(item.json.imageUrls).toHaveLength(4);
		else expect(item.json.error).toMatch(/moderated|failed/i);
	}
}

async function pauseBatch(list: string[], options: IDataObject = {}) {
	const paused = await session.run(pause(options), { items: prompts(...list) });
	expect(paused.status).toBe('waiting');
	const jobids = session
		.jobPosts()
		.filter((post) => post.jobid)
		.map((post) => post.jobid as string);
	expect(jobids).toHaveLength(list.length);
	return { paused, jobids };
}

describe('fault: Pause Until Callback with duplicated, out-of-order and forged callbacks', () => {
	it("live: every callback delivered twice, forged ones in between: resumes once, at the last job's first final callback", async () => {
		// The resume URL (n8n, not running here) refuses the callback, so useapi.net retries it: every callback comes twice.
		session.sim.setFaults({ callbackRetries: 1, callbackRetryDelayMs: 10 });
		const { paused, jobids } = await pauseBatch([
			'first [[ms=300]]',
			'last [[ms=900]]',
			'bad [[moderated]]',
		]);
		const log: Delivery[] = [];

		await eventually(() => session.sim.callbacks.some((c) => c.body.jobid === jobids[2]));
		await deliver(
			paused,
			'forged completed for the running job',
			{ jobid: jobids[1], status: 'completed', response: { imageUx: [{ id: 1, url: EVIL }] } },
			log,
		);
		await deliver(
			paused,
			'forged completed for the moderated job',
			{ jobid: jobids[2], status: 'completed', response: { imageUx: [{ id: 1, url: EVIL }] } },
			log,
		);
		await deliver(
			paused,
			'unknown job',
			{ jobid: 'j1121000000000000000i-u1-c1-bot:midjourney', status: 'completed' },
			log,
		);
		await deliver(
			paused,
			'progress for the first job',
			{ jobid: jobids[0], status: 'progress' },
			log,
		);

		// Then what useapi.net sends, in the order it sends it (duplicates included), until the run resumes.
		let delivered = 0;
		let resumedBy: Delivery | undefined;
		while (!resumedBy) {
			await eventually(() => session.sim.callbacks.length > delivered);
			const callback = session.sim.callbacks[delivered++];
			const delivery = await deliver(
				paused,
				`${callback.body.jobid as string} attempt ${String((callback as { attempt?: number }).attempt)}`,
				callback.body,
				log,
			);
			if (delivery.resumed) resumedBy = delivery;
		}

		expect(log.filter((d) => d.resumed)).toHaveLength(1);
		expect(resumedBy.label).toBe(`${jobids[1]} attempt 1`);
		// Both copies of the earlier jobs' callbacks came before and kept the run waiting.
		expect(log.filter((d) => d.label.startsWith(jobids[0]))).toHaveLength(2);
		expect(log.filter((d) => d.label.startsWith(jobids[2]))).toHaveLength(2);
		expectResumedWithTheApiState(resumedBy, jobids);
		expect(resumedBy.response.workflowData![0].map((item) => item.json.status)).toEqual([
			'completed',
			'completed',
			'moderated',
		]);
		expectNoDuplicatePosts(session);
		await expectAbandonedJobsCancelled(session);
		expect(session.requests('DELETE', JOB_POST)).toHaveLength(0);
	});

	it('late and out of order: with every job final, a forged "progress" keeps waiting, then one forged final status resumes with the real data', async () => {
		const { paused, jobids } = await pauseBatch([
			'one [[ms=200]]',
			'two [[ms=300]]',
			'three [[moderated]]',
		]);
		await eventually(() =>
			jobids.every((jobid) => session.sim.callbacks.some((c) => c.body.jobid === jobid)),
		);
		const log: Delivery[] = [];

		await deliver(paused, 'forged progress', { jobid: jobids[1], status: 'progress' }, log);
		// A final status for the job that finished last (two, 300 ms) resumes; it claims "failed".
		const resumed = await deliver(
			paused,
			'forged failed for a completed job',
			{ jobid: jobids[1], status: 'failed', error: 'forged' },
			log,
		);

		expect(log.map((d) => d.resumed)).toEqual([false, true]);
		expectResumedWithTheApiState(resumed, jobids);
		expect(resumed.response.workflowData![0].map((item) => item.json.status)).toEqual([
			'completed',
			'completed',
			'moderated',
		]);
		expect(JSON.stringify(resumed.response)).not.toContain('forged');
	});

	it('the same final callback three times while another job runs: keeps waiting, then resumes on the last job', async () => {
		const { paused, jobids } = await pauseBatch(['quick [[ms=150]]', 'slow [[ms=1200]]']);
		const quick = () => session.sim.callbacks.find((c) => c.body.jobid === jobids[0]);
		await eventually(() => quick() !== undefined);
		const log: Delivery[] = [];
		const readsBefore = session.requests('GET', JOB_POST).length;
		for (let copy = 0; copy < 3; copy++) await deliver(paused, 'quick again', quick()!.body, log);
		expect(log.every((d) => !d.resumed)).toBe(true);
		// Each callback of a still-running batch costs at most two reads (it stops at the first running job).
		expect(session.requests('GET', JOB_POST).length - readsBefore).toBeLessThanOrEqual(6);

		const slow = () => session.sim.callbacks.find((c) => c.body.jobid === jobids[1]);
		await eventually(() => slow() !== undefined);
		const resumed = await deliver(paused, 'slow', slow()!.body, log);
		expect(resumed.resumed).toBe(true);
		expectResumedWithTheApiState(resumed, jobids);
	});
});

describe('fault: Pause Until Callback submits through 429s and 503s', () => {
	it('a 429 storm and a 503 while submitting 6 at capacity 3: 6 accepted POSTs, all resume', async () => {
		session.sim.setFaults({ force429: 8, submitErrors: [503] });
		const list = Array.from({ length: 6 }, (_, i) => `paused ${i} [[ms=300]]`);
		const paused = await session.run(pause(), { items: prompts(...list) });

		expect(paused.status).toBe('waiting');
		expectNoLostItems(paused, 6);
		expect(session.acceptedPosts()).toHaveLength(6);
		expectNoDuplicatePosts(session);
		const posted = new Map(session.acceptedPosts().map((post) => [post.body?.prompt, post.jobid]));
		const inItemOrder = list.map((prompt) => posted.get(prompt) as string);
		expect(paused.items.map((item) => item.json.jobid)).toEqual(inItemOrder);
		// Items beyond the free slots were followed to the end before pausing; the last round
		// carries the resume URL and pauses.
		const pausedJobs = session
			.acceptedPosts()
			.filter((post) => post.body?.replyUrl)
			.map((post) => post.jobid as string);
		expect(pausedJobs).toHaveLength(3);
		expect(
			paused.items
				.filter((item) => item.json.timedOut)
				.map((item) => item.json.jobid)
				.sort(),
		).toEqual([...pausedJobs].sort());

		await eventually(
			() => pausedJobs.every((jobid) => session.sim.callbacks.some((c) => c.body.jobid === jobid)),
			8000,
		);
		await sleep(10);
		const last = session.sim.callbacks[session.sim.callbacks.length - 1];
		const resumed = await paused.resume(last.body);
		const items = resumed.workflowData![0];
		expect(items.map((item) => item.json.jobid)).toEqual(inItemOrder);
		expect(items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
	});
});
