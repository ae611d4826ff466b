import type { IDataObject } from 'n8n-workflow';

import type { RunNodeResult } from '../../tools/harness/runNode';
import { eventually } from '../helpers/simulatorSession';
import {
	JOB_POST,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

/**
 * Pause Until Callback when the API stumbles during the final callback, when callbacks race,
 * and when an item's submit fails: nothing completed may be reported as timed out, no callback
 * may be answered with an error, no failed item may vanish.
 */
const session = useFaultSession({ jobDurationMs: 200, progressSteps: 2 });

function pause(options: IDataObject = {}) {
	return imagine('={{ $json.prompt }}', 'webhook', options);
}

async function pauseBatch(list: string[], extra: { continueOnFail?: boolean } = {}) {
	const paused = await session.run(pause(), { items: prompts(...list), ...extra });
	const jobids = session.acceptedPosts().map((post) => post.jobid as string);
	return { paused, jobids };
}

/** The job's own final callback body, as the simulator sent it. */
async function finalCallback(jobid: string): Promise<IDataObject> {
	const final = () =>
		session.sim.callbacks.find(
			(c) =>
				c.body.jobid === jobid &&
				['completed', 'failed', 'moderated'].includes(String(c.body.status)),
		);
	await eventually(() => final() !== undefined);
	return final()!.body;
}

async function resumeWith(paused: RunNodeResult, body: IDataObject) {
	const response = await paused.resume(body);
	return response.workflowData?.[0];
}

describe('fault: the API fails while the final callback is handled', () => {
	it.each([[[503, 503]], [[429, 503, 'reset']]])(
		'reads answering %j are retried: the single job resumes completed, not timed out',
		async (errors) => {
			const { paused, jobids } = await pauseBatch(['a late comet']);
			const body = await finalCallback(jobids[0]);
			session.sim.setFaults({ readErrors: errors });

			const items = await resumeWith(paused, body);

			expect(items?.map((item) => item.json.status)).toEqual(['completed']);
			expect(items?.[0].json.timedOut).toBeUndefined();
		},
	);

	it('reads failing for good: the final callback (through the signed resume URL) still resumes its job', async () => {
		const { paused, jobids } = await pauseBatch(['a stubborn comet']);
		const body = await finalCallback(jobids[0]);
		session.sim.setFaults({ readErrors: Array(20).fill(503) });

		const items = await resumeWith(paused, body);

		expect(items?.map((item) => [item.json.jobid, item.json.status])).toEqual([
			[jobids[0], 'completed'],
		]);
	});

	it('a connection reset on every read never throws (n8n would end the execution in error)', async () => {
		const { paused, jobids } = await pauseBatch(['comet one', 'comet two [[ms=2000]]']);
		const body = await finalCallback(jobids[0]);
		session.sim.setFaults({ readErrors: Array(20).fill('reset') });

		await expect(paused.resume(body)).resolves.toEqual({});
	});
});

describe('fault: the verifying read refuses (401, 404, 410)', () => {
	it.each([401, 404, 410])(
		'HTTP %i on every read: the callback body is not trusted; the job comes out as an error item naming it',
		async (refusal) => {
			const { paused, jobids } = await pauseBatch(['a doubtful comet']);
			const body = await finalCallback(jobids[0]);
			session.sim.setFaults({ readErrors: Array(20).fill(refusal) });
			// What the body claims is not what comes out: a forged image link must not pass.
			const forged = {
				...body,
				response: { ...(body.response as IDataObject), content: 'forged' },
			};

			const items = await resumeWith(paused, forged);

			expect(items).toHaveLength(1);
			const [item] = items!;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.status).not.toBe('completed');
			expect(String(item.json.error)).toContain(jobids[0]);
			expect(String(item.json.error)).toContain(`HTTP ${refusal}`);
			expect(JSON.stringify(item.json)).not.toContain('forged');
			// A refusal is not retried: one read of the job, no more.
			const reads = session.requests('GET', `${JOB_POST}${jobids[0]}`);
			expect(reads.filter((read) => read.status === refusal)).toHaveLength(1);
		},
	);
});

describe('fault: several final callbacks at the same moment', () => {
	it('exactly one of them resumes (n8n answers the others 500), whatever order they come in', async () => {
		const { paused, jobids } = await pauseBatch(['twin one', 'twin two', 'twin three']);
		const bodies = await Promise.all(jobids.map(finalCallback));

		const answers = await Promise.all(bodies.map(async (body) => await paused.resume(body)));
		const resumed = answers.filter((answer) => answer.workflowData !== undefined);

		expect(resumed).toHaveLength(1);
		expect(resumed[0].workflowData![0].map((item) => item.json.status)).toEqual(
			Array(3).fill('completed'),
		);
		// The one that resumes is the callback of the job that finished last.
		const last = [...jobids].sort(
			(a, b) =>
				Date.parse(session.sim.jobs.get(a)!.updated as string) -
					Date.parse(session.sim.jobs.get(b)!.updated as string) || a.localeCompare(b),
		)[2];
		expect(answers[jobids.indexOf(last)].workflowData).toBeDefined();
	});
});

describe('fault: a submit fails in the paused round', () => {
	it('Continue On Fail: the failed item is still an error item after the resume (3 in, 3 out)', async () => {
		const { paused, jobids } = await pauseBatch(['fine one', 'bad two [[reject]]', 'fine three'], {
			continueOnFail: true,
		});
		expect(paused.status).toBe('waiting');
		const accepted = jobids.filter((jobid) => session.sim.jobs.get(jobid)!.status !== 'moderated');
		const bodies = await Promise.all(accepted.map(finalCallback));
		const answers = await Promise.all(bodies.map(async (body) => await paused.resume(body)));
		const items = answers.find((answer) => answer.workflowData)!.workflowData![0];

		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.status).toBe('completed');
		expect(String(items[1].json.error)).toMatch(/not submitted: .*moderat/i);
		expect(items[2].json.status).toBe('completed');
	});

	it('without Continue On Fail: like Stream, the accepted jobs are followed to their end, none cancelled, and the error names them', async () => {
		const result = await session.run(pause(), {
			items: prompts('fine one [[ms=400]]', 'bad two [[reject]]', 'fine three [[ms=400]]'),
		});

		expect(result.status).toBe('error');
		expectNoLostItems(result, 3);
		const completed = [...session.sim.jobs.values()].filter((job) => job.status === 'completed');
		expect(completed).toHaveLength(2);
		for (const job of completed) expect(result.error?.description).toContain(job.jobid);
		expect(session.requests('DELETE', JOB_POST)).toHaveLength(0);
		expectNoDuplicatePosts(session);
	});
});
