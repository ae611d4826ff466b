import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { eventually, useSimulator } from './helpers/simulatorSession';

/**
 * What a callback costs a paused batch: each one re-reads the batch's jobs from the API (a
 * resume never takes a callback's word). Inside n8n's webhook handling each read is slow (tens
 * of ms), and 60 items read one by one, once per final callback, held the resume 6–7 s. The
 * jobs still running are the newest (the last round): they are read first, so a callback for a
 * batch still running stops after a read or two, and the one that completes the batch reads
 * every job once, several at a time. The jobs an earlier round followed to their end before the
 * pause are known final already: in the process that paused, no callback reads them again.
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

describe('Pause Until Callback: the reads a callback makes', () => {
	it('a callback while the newest job still runs reads at most two jobs; the last one reads each paused job once, newest first, and no job the batch saw end before it paused', async () => {
		const items = Array.from({ length: 9 }, (_, i) => ({
			prompt: `resume reads ${i} [[ms=${i === 8 ? 2500 : 200}]]`,
		}));
		const paused = await session.run(pause, { items });
		expect(paused.status).toBe('waiting');
		const jobids = session
			.jobPosts()
			.filter((post) => typeof post.status === 'number' && post.status < 300)
			.map((post) => post.jobid as string);
		expect(jobids).toHaveLength(9);

		// job 7 has ended too, so the first callback's two reads (jobs 8 and 7, newest first) find
		// one final job, whose read the last callback then shares instead of reading it again
		const firstCallback = await finalCallback(jobids[6]);
		await finalCallback(jobids[7]);
		const before = jobReads().length;
		expect(await paused.resume(firstCallback)).toEqual({});
		expect(jobReads().length - before).toBeLessThanOrEqual(2);

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
