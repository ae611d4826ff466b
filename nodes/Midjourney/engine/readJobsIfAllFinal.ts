import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { apiRequest, isSuccess } from '../transport/apiRequest';
import type { Job } from './job';
import { isFinal, isJob } from './job';
import { jobPath } from '../transport/jobPath';

/**
 * Reads the jobs (GET /jobs/{jobid}) in order and stops at the first that is not final, so a
 * callback for a batch still running costs one or two reads. Returns all of them when every
 * one is final; '' entries (items without a job) stay undefined.
 */
export async function readJobsIfAllFinal(
	context: IExecuteFunctions | IWebhookFunctions,
	jobIds: string[],
): Promise<Array<Job | undefined> | undefined> {
	const jobs: Array<Job | undefined> = [];
	for (const jobid of jobIds) {
		if (!jobid) {
			jobs.push(undefined);
			continue;
		}
		const response = await apiRequest.call(context, 'GET', jobPath(jobid));
		if (
			!isSuccess(response.statusCode) ||
			!isJob(response.body) ||
			!isFinal(response.body.status)
		) {
			return undefined;
		}
		jobs.push(response.body);
	}
	return jobs;
}
