import type { Job } from '../job';
import { isFinal } from '../job';
import { pollJob } from '../pollJob';
import { timedOut } from './timedOut';
import { followEachJob } from './followEachJob';
import type { Following, Waiting } from './Waiting';

/** Reads the job until it is final; at the Timeout it is cancelled. */
export async function readUntilFinal(
	{ context, prepared, deadline, submittedAt }: Following,
	jobid: string,
	lastKnown?: Job,
): Promise<Job> {
	if (lastKnown && isFinal(lastKnown.status)) return lastKnown;
	const { pollIntervalMs } = prepared.settings;
	const polled = await pollJob.call(
		context,
		prepared.api,
		jobid,
		pollIntervalMs,
		deadline,
		prepared.itemIndex,
		lastKnown,
		submittedAt,
		prepared.pace,
	);
	if (polled.job && isFinal(polled.job.status)) return polled.job;
	return await timedOut(context, prepared, jobid);
}

/** Poll: submit without a stream, then read the job until it is final. */
export const pollWaiting: Waiting = {
	streams: false,
	runBatch: async (batch) => await followEachJob(batch, { holdsJobs: true }),
	followJob: readUntilFinal,
};
