import type { IWebhookFunctions } from 'n8n-workflow';

import type { Job } from '../engine/job';
import { apiRequest, isSuccess } from '../transport/apiRequest';
import { withDeadline } from './withDeadline';
import type { JobApi } from '../apis/JobApi';

/** Longest wait for GET /jobs/{jobid} before the callback is answered "try again later". */
export const VERIFY_TIMEOUT_MS = 10_000;

export type Verification =
	/** The API returned this job: the only version the trigger trusts. */
	| { outcome: 'verified'; job: Job }
	/** The credential's account has no such job (404), or it expired (410): nothing to do. */
	| { outcome: 'unknown'; statusCode: number }
	/** No usable answer (network, timeout, 429, 5xx, 401/402 credential trouble): not decided. */
	| { outcome: 'unavailable'; reason: string };

const UNKNOWN_JOB_STATUSES = [400, 404, 410];

/** Reads the job the callback names from the API with the node's credential. */
export async function verifyJob(
	this: IWebhookFunctions,
	api: JobApi,
	jobid: string,
	timeoutMs = VERIFY_TIMEOUT_MS,
): Promise<Verification> {
	const { method, path, qs } = api.read(jobid);
	let response;
	try {
		response = await withDeadline(
			apiRequest.call(this, api.endpoint, method, path, { qs }),
			timeoutMs,
		);
	} catch (error) {
		return { outcome: 'unavailable', reason: (error as Error).message || 'request failed' };
	}
	if (response === undefined) {
		return { outcome: 'unavailable', reason: `no answer within ${timeoutMs} ms` };
	}
	if (isSuccess(response.statusCode)) {
		const job = api.toJob(response.body);
		if (job && job.jobid === jobid) return { outcome: 'verified', job };
		return { outcome: 'unavailable', reason: `${api.name} answered without the job` };
	}
	if (UNKNOWN_JOB_STATUSES.includes(response.statusCode)) {
		return { outcome: 'unknown', statusCode: response.statusCode };
	}
	return { outcome: 'unavailable', reason: `${api.name} answered HTTP ${response.statusCode}` };
}
