import { Deadline } from '../Deadline';
import type { Job } from '../job';
import { pollJob } from '../pollJob';
import { timedOut } from './timedOut';
import type { Following, Waiting } from './Waiting';

/** The job as the submit returned it, or as one read finds it. */
async function asItIs({ context, prepared }: Following, jobid: string, lastKnown?: Job) {
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
	holdsJobs: false,
	pausesExecution: false,
	followJob: asItIs,
};

/**
 * Pause Until Callback: each job is submitted with the execution's resume URL and left as it
 * is; the execution pauses until the callbacks say every job is final.
 */
export const pauseWaiting: Waiting = {
	streams: false,
	holdsJobs: false,
	pausesExecution: true,
	followJob: asItIs,
};
