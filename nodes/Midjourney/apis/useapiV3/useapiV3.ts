import type { Job } from '../../engine/job';
import { isJob } from '../../engine/job';
import type { JobApi } from '../JobApi';
import { channelCapacity } from './channelCapacity';
import { useapiV3Endpoint } from './endpoint';
import { findSubmittedJob } from './findSubmittedJob';
import { followJobStream } from './followJobStream';
import { jobPath } from './jobPath';
import { busyChannelOf, waitForFreeSlot } from './slotWatch';
import { useapiJobIds } from '../useapiJobIds';

const asJob = (body: unknown): Job | undefined => (isJob(body) ? body : undefined);

/**
 * useapi.net's Midjourney API v3: jobs at /jobs/<verb>, read and cancelled at /jobs/{jobid}, live
 * events on request, callbacks to replyUrl. Its job is the engine's shape as it is. GET /jobs
 * lists the running jobs per channel with their request echo, so a lost submit can be found and
 * a busy channel watched; GET /accounts gives the channels' capacity.
 */
export const useapiV3: JobApi = {
	endpoint: useapiV3Endpoint,
	name: 'useapi.net',
	discordAccounts: true,
	followStream: followJobStream,
	submit: (verb) => ({ method: 'POST', path: `/jobs/${verb}` }),
	// The routing's neutral names are v3's own: channel, replyUrl, replyRef, replyLevel.
	submitFields: ({ stream, replyRef, routing }) => ({ replyRef, ...routing, stream }),
	read: (jobid) => ({ method: 'GET', path: jobPath(jobid) }),
	cancel: (jobid) => ({ method: 'DELETE', path: jobPath(jobid) }),
	// 201 created; 200 returns the job an execute-once button already created.
	acceptedJob: (body, statusCode) =>
		isJob(body) ? { job: body, reusedExisting: statusCode === 200 } : undefined,
	toJob: asJob,
	jobIdField: 'jobid',
	jobIds: useapiJobIds,
	capacity: async (context, jobs) => await channelCapacity.call(context, jobs),
	findSubmitted: findSubmittedJob,
	waitForSlot: async (context, prepared, busyBody, remainingMs) => {
		const channel = busyChannelOf(busyBody);
		if (!channel) return false;
		const jobType = prepared.request.jobType ?? 'image';
		const typicalMs = prepared.pace?.durations.typicalMs();
		return await waitForFreeSlot(context, channel, jobType, remainingMs, typicalMs);
	},
};
