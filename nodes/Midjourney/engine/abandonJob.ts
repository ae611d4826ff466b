import type { IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../transport/apiRequest';
import type { CleanupAccess } from '../transport/cleanupAfterCancel';
import { CLEANUP_TIMEOUT_MS, deleteJobAfterCancel } from '../transport/cleanupAfterCancel';
import type { Job } from './job';
import { isFinal, isJob } from './job';
import { jobPath } from '../transport/jobPath';

export interface AbandonResult {
	/** The API confirmed the cancellation (204). */
	cancelled: boolean;
	/** The job had already finished when we tried: here it is, nothing is lost. */
	finishedJob?: Job;
	detail: string;
}

/**
 * Cancels a job the node stops waiting for (timeout), so its slot is freed at once instead of
 * after useapi.net's 14-minute watchdog. If it finished in the meantime, returns it.
 */
export async function abandonJobAfterTimeout(
	this: IExecuteFunctions,
	jobid: string,
	itemIndex: number,
): Promise<AbandonResult> {
	const path = jobPath(jobid);
	try {
		const bounded = { timeoutMs: CLEANUP_TIMEOUT_MS };
		const deletion = await apiRequest.call(this, 'DELETE', path, bounded, itemIndex);
		if (deletion.statusCode === 204) {
			return { cancelled: true, detail: `Job ${jobid} was cancelled so its slot is free again.` };
		}
		const reread = await apiRequest.call(this, 'GET', path, bounded, itemIndex);
		if (isJob(reread.body) && isFinal(reread.body.status)) {
			return {
				cancelled: false,
				finishedJob: reread.body,
				detail: `Job ${jobid} finished meanwhile.`,
			};
		}
		return {
			cancelled: false,
			detail: `Cancelling job ${jobid} answered HTTP ${deletion.statusCode}; cancel it with Job → Cancel if it still runs.`,
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
	access: CleanupAccess,
	jobid: string,
): Promise<AbandonResult> {
	const { statusCode, failure } = await deleteJobAfterCancel.call(this, access, jobid);
	return {
		cancelled: statusCode === 204,
		detail:
			statusCode === 204
				? `Job ${jobid} was cancelled.`
				: `Job ${jobid} could not be cancelled (${failure ?? `HTTP ${statusCode}`}).`,
	};
}
