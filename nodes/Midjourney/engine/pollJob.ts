import type { IExecuteFunctions } from 'n8n-workflow';
import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

import { apiErrorFromResponse } from '../transport/apiError';
import { apiRequest, executionCancelSignal, isSuccess } from '../transport/apiRequest';
import { isRefusedRedirect } from '../transport/redirects';
import type { JobApi } from '../apis/JobApi';
import type { Deadline } from './Deadline';
import type { Job } from './job';
import { isFinal } from './job';
import { ReadSchedule } from './readSchedule';
import type { BatchPace } from './waiting/batchPace';
import { toNodeError } from '../helpers/nodeError';

export interface PollOutcome {
	job?: Job;
	timedOut: boolean;
}

/** Statuses after which reading the job again cannot help. */
const HOPELESS_STATUSES = [401, 402, 404, 410];

/**
 * Reads the job (the API's read request) until it is final or the deadline passes, when
 * ReadSchedule says: every Poll Interval, or at the end the job's pace predicts. Transient
 * failures (network, 429, 5xx) are read through: the job keeps running at the API meanwhile.
 * With `lastKnown` (the job as a submit or a dropped stream left it) the first read waits too.
 * `batch`: the run's pacing model, which learns from this job and times its reads.
 */
export async function pollJob(
	this: IExecuteFunctions,
	api: JobApi,
	jobid: string,
	intervalMs: number,
	deadline: Deadline,
	itemIndex: number,
	lastKnown?: Job,
	startedAt: number = Date.now(),
	batch?: BatchPace,
): Promise<PollOutcome> {
	const cancelSignal = executionCancelSignal(this);
	const schedule = new ReadSchedule(intervalMs, startedAt, batch);
	let job = lastKnown;
	if (lastKnown) {
		schedule.observe(lastKnown);
		await sleepUnlessAborted(Math.min(schedule.nextDelay(), deadline.remainingMs()), cancelSignal);
	}
	for (;;) {
		const response = await readJobOnce.call(this, api, jobid, itemIndex, deadline);
		const read = response && isSuccess(response.statusCode) ? api.toJob(response.body) : undefined;
		if (read) {
			job = read;
			if (isFinal(job.status)) {
				schedule.observe(job);
				return { job, timedOut: false };
			}
		} else if (response && HOPELESS_STATUSES.includes(response.statusCode)) {
			const { statusCode, body } = response;
			throw apiErrorFromResponse(this.getNode(), api.endpoint, statusCode, body, itemIndex);
		}
		schedule.observe(job);
		if (deadline.expired()) return { job, timedOut: true };
		await sleepUnlessAborted(Math.min(schedule.nextDelay(), deadline.remainingMs()), cancelSignal);
	}
}

/** A read that hangs is given up after this long, and the next one tried (within the deadline). */
const READ_TIMEOUT_MS = 30_000;

/** One GET of the job; undefined when no answer came back (the job is unaffected by that). */
async function readJobOnce(
	this: IExecuteFunctions,
	api: JobApi,
	jobid: string,
	itemIndex: number,
	deadline: Deadline,
) {
	const timeoutMs = Math.min(READ_TIMEOUT_MS, deadline.remainingMs());
	try {
		const { method, path, qs } = api.read(jobid);
		return await apiRequest.call(this, api.endpoint, method, path, { qs, timeoutMs }, itemIndex);
	} catch (error) {
		if (executionCancelSignal(this)?.aborted || isRefusedRedirect(error))
			throw toNodeError(this.getNode(), error, itemIndex);
		return undefined;
	}
}
