import type { IDataObject } from 'n8n-workflow';

import type { JobApi } from '../JobApi';
import { midjourneyV1Endpoint } from './endpoint';
import { toJob } from './toJob';
import { uuidJobIds } from '../../engine/uuidJobIds';

/**
 * Jobs one account runs at once when the node is left to choose (Max Concurrent Jobs 0): the
 * /v1 API does not report a limit, and answers 429 beyond it, which the node waits out.
 */
export const V1_CONCURRENCY = 3;

const jobPath = (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`;

function webhookFields(routing: IDataObject): IDataObject {
	if (typeof routing.replyUrl !== 'string') return {};
	return {
		webhook_url: routing.replyUrl,
		webhook_type: routing.replyLevel === 'all' ? 'progress' : 'result',
	};
}

/**
 * The Midjourney Image Generation API /v1: a POST per verb answers with the new job's id only;
 * jobs are read at /v1/jobs/{jobId} and cancelled with POST …/cancel; webhooks (webhook_url,
 * webhook_type progress|result) POST the job. No stream, no request echo to find a lost submit by.
 */
export const midjourneyV1: JobApi = {
	endpoint: midjourneyV1Endpoint,
	name: 'Midjourney API',
	discordAccounts: false,
	submit: (verb) => ({ method: 'POST', path: `/${verb}` }),
	submitFields: ({ routing }) => webhookFields(routing),
	read: (jobId) => ({ method: 'GET', path: jobPath(jobId) }),
	cancel: (jobId) => ({ method: 'POST', path: `${jobPath(jobId)}/cancel` }),
	acceptedJob: (body) => {
		const jobId = ((body as IDataObject)?.data as IDataObject | undefined)?.job_id;
		if (typeof jobId !== 'string' || jobId === '') return undefined;
		return { job: { jobid: jobId, status: 'created' }, reusedExisting: false };
	},
	toJob,
	jobIdField: 'id',
	jobIds: uuidJobIds,
	capacity: async () => V1_CONCURRENCY,
};
