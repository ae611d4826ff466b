import type { IDataObject } from 'n8n-workflow';

import type { JobApi } from '../JobApi';
import { legnextEndpoint } from './endpoint';
import { uuidJobIds } from '../../engine/uuidJobIds';
import { balanceAdvice } from './pricing';
import { isLegnextTask, toJob } from './toJob';

/**
 * Jobs one account runs at once when the node is left to choose (Max Concurrent Jobs 0): 6 for a
 * standard account (facts sheet §8). Beyond it Legnext answers 429 (nothing is created; the run's
 * pacing keeps to the jobs it has running and submits again when one ends) or keeps the job
 * `pending`, which the node simply waits through.
 */
export const LEGNEXT_CONCURRENCY = 6;

/** Pause Until Callback and the Callback URL option both become the task's `callback`. */
function callbackField(routing: IDataObject): IDataObject {
	return typeof routing.replyUrl === 'string' && routing.replyUrl !== ''
		? { callback: routing.replyUrl }
		: {};
}

/**
 * Legnext's Midjourney API: every POST /api/v1/<task> answers 200 with the new task (status
 * pending), read at GET /api/v1/job/{job_id}; a task's `callback` URL gets the task POSTed in
 * `{ timestamp, data }`, unsigned. No stream, no cancel, no list of jobs: a submit whose answer is
 * lost cannot be found again, so it is never sent twice.
 */
export const legnext: JobApi = {
	endpoint: legnextEndpoint,
	name: 'Legnext',
	discordAccounts: false,
	submit: (verb) => ({ method: 'POST', path: `/v1/${verb}` }),
	submitFields: ({ routing }) => callbackField(routing),
	read: (jobId) => ({ method: 'GET', path: `/v1/job/${encodeURIComponent(jobId)}` }),
	acceptedJob: (body) => {
		// A 200 always carries the new task; one that failed at once is followed to its error.
		const job = isLegnextTask(body) ? toJob(body) : undefined;
		return job ? { job, reusedExisting: false } : undefined;
	},
	toJob,
	jobIdField: 'job_id',
	jobIds: uuidJobIds,
	refusalAdvice: (statusCode, verb, body) =>
		statusCode === 402 ? balanceAdvice(verb, body) : undefined,
	capacity: async () => LEGNEXT_CONCURRENCY,
};
