import type { IDataObject } from 'n8n-workflow';

import type { PreparedJob } from '../../engine/JobOperation';
import type { JobApi } from '../JobApi';
import { useapiV2Endpoint } from './endpoint';
import { toJob } from './toJob';
import { useapiJobIds } from '../useapiJobIds';

/**
 * Jobs one account runs at once when neither Max Jobs nor Max Concurrent Jobs is set: the
 * document's default maxJobs. v2 has no endpoint the node could read a limit from.
 */
export const V2_CONCURRENCY = 3;

/** The routing's neutral names are v2's own words; replyLevel has no v2 counterpart. */
const ROUTING_FIELDS = ['channel', 'replyUrl', 'replyRef'];

function routingFields(routing: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const name of ROUTING_FIELDS) {
		if (typeof routing[name] === 'string' && routing[name] !== '') fields[name] = routing[name];
	}
	return fields;
}

/**
 * The smallest Max Jobs of the items (each is sent as maxJobs, the account's limit for the job),
 * else the document's default of 3. A 429 beyond it is waited out anyway.
 */
function capacityOf(jobs: PreparedJob[]): number {
	const limits = jobs.map((job) => Number(job.request.body.maxJobs) || V2_CONCURRENCY);
	return Math.max(1, Math.min(...limits));
}

/**
 * useapi.net's legacy Midjourney API v2: POST /v2/jobs/imagine answers with the job itself,
 * read with GET /v2/jobs/?jobid=…; the job is POSTed to replyUrl once it completed or failed.
 * No stream, no cancel, no list of running jobs (so a lost submit cannot be looked for).
 */
export const useapiV2: JobApi = {
	endpoint: useapiV2Endpoint,
	name: 'useapi.net',
	discordAccounts: true,
	submit: (verb) => ({ method: 'POST', path: `/jobs/${verb}` }),
	submitFields: ({ routing }) => routingFields(routing),
	read: (jobid) => ({ method: 'GET', path: '/jobs/', qs: { jobid } }),
	acceptedJob: (body) => {
		const job = toJob(body);
		return job ? { job, reusedExisting: false } : undefined;
	},
	toJob,
	jobIdField: 'jobid',
	jobIds: useapiJobIds,
	capacity: async (_context, jobs) => capacityOf(jobs),
};
