import { Deadline } from '../Deadline';
import type { Job } from '../job';
import { pollJob } from '../pollJob';
import { timedOut } from './timedOut';
import { followEachJob } from './followEachJob';
import type { Following, Waiting } from './Waiting';

/** The job as the submit returned it, or as one read finds it. */
export async function asItIs({ context, prepared }: Following, jobid: string, lastKnown?: Job) {
	if (lastKnown) return lastKnown;
	const { pollIntervalMs } = prepared.settings;
	const read = await pollJob.call(
		context,
		prepared.api,
		jobid,
		pollIntervalMs,
		new Deadline(0),
		prepared.itemIndex,
	);
	if (read.job) return read.job;
	return await timedOut(context, prepared, jobid);
}

/** Don't Wait: the job as accepted; its result comes later (Trigger, or Job → Get). */
export const noWaiting: Waiting = {
	streams: false,
	runBatch: async (batch) => await followEachJob(batch, { holdsJobs: false }),
	followJob: asItIs,
};
