import type { IExecuteFunctions } from 'n8n-workflow';

import { apiRequest, isSuccess } from '../transport/apiRequest';
import type { JobApi } from '../apis/JobApi';
import type { CleanupAccess } from '../transport/cleanupAfterCancel';
import { CLEANUP_TIMEOUT_MS, cancelJobAfterStop } from '../transport/cleanupAfterCancel';
import type { Job } from './job';
import { isFinal } from './job';

export interface AbandonResult {
	/** The API confirmed the cancellation. */
	cancelled: boolean;
	/** The job had already finished when we tried: here it is, nothing is lost. */
	finishedJob?: Job;
	detail: string;
}

const CANNOT_CANCEL = (jobid: string) =>
	`Job ${jobid} keeps running: this API cannot cancel a job, so its slot frees when it ends.`;

/** The job, read once more: did it finish while the node gave up on it? */
async function finishedMeanwhile(
	context: IExecuteFunctions,
	api: JobApi,
	jobid: string,
	itemIndex: number,
) {
	const { method, path, qs } = api.read(jobid);
	const bounded = { qs, timeoutMs: CLEANUP_TIMEOUT_MS };
	const reread = await apiRequest.call(context, api.endpoint, method, path, bounded, itemIndex);
	const job = isSuccess(reread.statusCode) ? api.toJob(reread.body) : undefined;
	return job && isFinal(job.status) ? job : undefined;
}

/**
 * Cancels a job the node stops waiting for (timeout), so its slot is freed at once instead of
 * after the API's own watchdog. If it finished in the meantime, returns it.
 */
export async function abandonJobAfterTimeout(
	this: IExecuteFunctions,
	api: JobApi,
	jobid: string,
	itemIndex: number,
): Promise<AbandonResult> {
	const cancel = api.cancel?.(jobid);
	try {
		const cancelled = cancel
			? await apiRequest.call(
					this,
					api.endpoint,
					cancel.method,
					cancel.path,
					{
						qs: cancel.qs,
						timeoutMs: CLEANUP_TIMEOUT_MS,
					},
					itemIndex,
				)
			: undefined;
		if (cancelled && isSuccess(cancelled.statusCode)) {
			return { cancelled: true, detail: `Job ${jobid} was cancelled so its slot is free again.` };
		}
		const finishedJob = await finishedMeanwhile(this, api, jobid, itemIndex);
		if (finishedJob) {
			return { cancelled: false, finishedJob, detail: `Job ${jobid} finished meanwhile.` };
		}
		return {
			cancelled: false,
			detail: cancelled
				? `Cancelling job ${jobid} answered HTTP ${cancelled.statusCode}; cancel it with Job → Cancel if it still runs.`
				: CANNOT_CANCEL(jobid),
		};
	} catch (error) {
		return {
			cancelled: false,
			detail: `Job ${jobid} could not be cancelled (${(error as Error).message}); cancel it with Job → Cancel.`,
		};
	}
}

/** Cancels a job whose execution the user stopped. */
export async function abandonJobAfterCancel(
	this: IExecuteFunctions,
	api: JobApi,
	access: CleanupAccess,
	jobid: string,
): Promise<AbandonResult> {
	const cancel = api.cancel?.(jobid);
	if (!cancel) return { cancelled: false, detail: CANNOT_CANCEL(jobid) };
	const { statusCode, failure } = await cancelJobAfterStop.call(this, access, cancel);
	const cancelled = statusCode !== undefined && isSuccess(statusCode);
	return {
		cancelled,
		detail: cancelled
			? `Job ${jobid} was cancelled.`
			: `Job ${jobid} could not be cancelled (${failure ?? `HTTP ${statusCode}`}).`,
	};
}
