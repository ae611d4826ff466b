import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { eventually, useSimulator } from './helpers/simulatorSession';

/**
 * What a callback costs a paused batch: each one re-reads the batch's jobs from the API (a
 * resume never takes a callback's word). Inside n8n's webhook handling each read is slow (tens
 * of ms), and 60 items read one by one, once per final callback, held the resume 6–7 s. The
 * jobs still running are the newest (the last round): they are read first, with the callback's
 * own job, so a callback for a batch still running stops after a few reads, and the one that
 * completes the batch reads only the jobs no earlier callback found final, several at a time.
 * The jobs an earlier round followed to their end before the pause are known final already: in
 * the process that paused, no callback reads them again.
 */
const session = useSimulator();
const JOB_READ = '/v3/midjourney/jobs/j';

const pause = {
	resource: 'job',
	operation: 'imagine',
	prompt: '={{ $json.prompt }}',
	waitMode: 'webhook',
	options: {},
} as INodeParameters;

async function finalCallback(jobid: string): Promise<IDataObject> {
	const body = () => session.sim.callbacks.find((c) => c.body.jobid === jobid)?.body;
	await eventually(() => body() !== undefined, 10_000);
	return body()!;
}

const jobReads = () => session.requests('GET', JOB_READ);
const readOf = (jobid: string) => `${JOB_READ}${jobid.slice(1)}`;

/** The ids of the jobs the API accepted, in submit order. */
const acceptedJobIds = () =>
	session
		.jobPosts()
		.filter((post) => typeof post.status === 'number' && post.status < 300)
		.map((post) => post.jobid as string);

describe('Pause Until Callback: the reads a callback makes', () => {
	it('a callback while the newest job still runs reads at most three jobs (the two newest and its own); the last one reads each paused job once, newest first, and no job the batch saw end before it paused', async () => {
		const items = Array.from({ length: 9 }, (_, i) => ({
			prompt: `resume reads ${i} [[ms=${i === 8 ? 2500 : 200}]]`,
		}));
		const paused = await session.run(pause, { items });
		expect(paused.status).toBe('waiting');
		const jobids = acceptedJobIds();
		expect(jobids).toHaveLength(9);

		// job 7 has ended too, so the first callback's reads (jobs 8 and 7, newest first, and its
		// own job 6) find two final jobs, whose reads the last callback then shares
		const firstCallback = await finalCallback(jobids[6]);
		await finalCallback(jobids[7]);
		const before = jobReads().length;
		expect(await paused.resume(firstCallback)).toEqual({});
		expect(jobReads().length - before).toBeLessThanOrEqual(3);

		const last = await finalCallback(jobids[8]);
		const atLast = jobReads().length;
		const resumed = await paused.resume(last);
		const output = resumed.workflowData![0];
		expect(output.map((item) => item.json.status)).toEqual(Array(9).fill('completed'));
		expect(output.map((item) => item.json.jobid)).toEqual(jobids);
		// Newest first; the jobs already read final by the first callback are not read again, nor
		// are jobs 0–5, which the first two rounds followed by stream to their end before the pause.
		const reads = jobReads().slice(atLast);
		expect(reads[0].path).toBe(`${JOB_READ}${jobids[8].slice(1)}`);
		const resumeReads = jobReads().slice(before);
		expect(resumeReads).toHaveLength(4); // the last round's 3 jobs, the one still running read twice
		expect(new Set(resumeReads.map((read) => read.path))).toEqual(
			new Set(jobids.slice(6).map((jobid) => `${JOB_READ}${jobid.slice(1)}`)),
		);
	});

	it('a callback reads its own job with the newest ones, so the last callback of a round that ended one by one reads only its own', async () => {
		const lastRoundMs = [1000, 1800, 2600];
		const items = Array.from({ length: 9 }, (_, i) => ({
			prompt: `own job first ${i} [[ms=${lastRoundMs[i - 6] ?? 200}]]`,
		}));
		const paused = await session.run(pause, { items });
		expect(paused.status).toBe('waiting');
		const jobids = acceptedJobIds();

		// job 6 ends first, while 7 and 8 (the newest) still run: its callback reads it too
		const sixth = jobReads().length;
		expect(await paused.resume(await finalCallback(jobids[6]))).toEqual({});
		expect(
			jobReads()
				.slice(sixth)
				.map((read) => read.path),
		).toContain(readOf(jobids[6]));
		expect(await paused.resume(await finalCallback(jobids[7]))).toEqual({});

		const atLast = jobReads().length;
		const resumed = await paused.resume(await finalCallback(jobids[8]));
		expect(resumed.workflowData![0].map((item) => item.json.status)).toEqual(
			Array(9).fill('completed'),
		);
		expect(
			jobReads()
				.slice(atLast)
				.map((read) => read.path),
		).toEqual([readOf(jobids[8])]);
	});

	it('the callbacks of a last round that ended together read each job once between them, and one of them resumes', async () => {
		const items = Array.from({ length: 3 }, (_, i) => ({ prompt: `together ${i} [[ms=200]]` }));
		const paused = await session.run(pause, { items });
		expect(paused.status).toBe('waiting');
		const jobids = session.jobPosts().map((post) => post.jobid as string);
		const callbacks = await Promise.all(jobids.map(finalCallback));

		const before = jobReads().length;
		const answers = await Promise.all(callbacks.map(async (body) => await paused.resume(body)));
		expect(answers.filter((answer) => answer.workflowData)).toHaveLength(1);
		expect(jobReads().length - before).toBe(3);
	});
});
