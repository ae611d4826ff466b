import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { Job, JobStatus } from '../engine/job';
import { alreadyHandled, eventKey, rememberHandledForExecution, stageOf } from './deliveryLog';
import { claimEvent } from './eventClaims';
import { mismatch, readFilters } from './jobFilters';
import type { CallbackRequest } from './readCallback';
import { claimedJob, readCallback } from './readCallback';
import { ignore, refuse } from './respond';
import { DEFAULT_EVENTS } from './triggerFields';
import { triggerItems } from './triggerOutput';
import { verifyJob } from './verifyJob';
import type { JobApi } from '../apis/JobApi';

const STATUSES: JobStatus[] = [
	'created',
	'started',
	'progress',
	'completed',
	'failed',
	'moderated',
];

type JobSource = { job: Job; verified: boolean } | { response: IWebhookResponseData };

/** The job to act on: re-read from the API, or (Verify with API off) the body as sent. */
async function sourceJob(
	context: IWebhookFunctions,
	api: JobApi,
	jobid: string,
	claimed: Partial<Job>,
): Promise<JobSource> {
	if (context.getNodeParameter('verifyWithApi', true) !== true) {
		const job = claimedJob(claimed);
		if (!job || !STATUSES.includes(job.status)) {
			return { response: refuse(context, 400, 'Body has no valid job status') };
		}
		return { job, verified: false };
	}
	const verification = await verifyJob.call(context, api, jobid);
	if (verification.outcome === 'verified') return { job: verification.job, verified: true };
	if (verification.outcome === 'unknown') {
		// Answered 200 so useapi.net does not retry: a job this credential cannot read never becomes readable.
		return {
			response: ignore(`job not found with this credential (HTTP ${verification.statusCode})`),
		};
	}
	const { name } = api;
	context.logger.warn(
		`${context.getNode().type} could not verify job ${jobid} with ${name}: ${verification.reason}`,
		{ jobid },
	);
	return {
		response: refuse(context, 503, `Could not verify the job with ${name}; try again later`),
	};
}

/**
 * One callback from useapi.net: checked, verified, filtered, and started at most once per
 * event. Every outcome answers the caller; nothing here throws for a bad request.
 */
async function handle(context: IWebhookFunctions, api: JobApi): Promise<IWebhookResponseData> {
	const reading = readCallback(context.getRequestObject() as unknown as CallbackRequest, api);
	if (!reading.ok) return refuse(context, reading.statusCode, reading.error);

	const filters = readFilters(
		context.getNodeParameter('events', DEFAULT_EVENTS),
		context.getNodeParameter('filters', {}) as IDataObject,
	);
	// A callback for a status nobody listens to is not worth an API call. Trusting the claim
	// here can only drop a start, never cause one: the job's next callback carries its new status.
	const claimedStatus = reading.claimed.status;
	if (
		STATUSES.includes(claimedStatus as JobStatus) &&
		!filters.events.includes(claimedStatus as string)
	) {
		return ignore(`event ${claimedStatus} is not selected`);
	}

	const source = await sourceJob(context, api, reading.jobid, reading.claimed);
	if ('response' in source) return source.response;
	const { job, verified } = source;

	const reason = mismatch(job, filters);
	if (reason !== undefined) return ignore(reason);

	// The static data memory is loaded per request, so simultaneous copies of one callback all
	// pass it: the process's claim, taken synchronously after it, lets one of them start.
	const staticData = context.getWorkflowStaticData('node');
	const jobKey = api.jobIds.pack(job.jobid) ?? job.jobid;
	const stage = stageOf(job);
	const claim = `${context.getMode()}:${context.getWorkflow().id ?? ''}:${context.getNode().id}:${eventKey(job)}`;
	if (alreadyHandled(staticData, jobKey, stage) || !claimEvent(claim))
		return ignore('an execution was already started for this event');
	rememberHandledForExecution(staticData, jobKey, stage);

	return {
		workflowData: [await triggerItems(context, api, job, verified)],
		webhookResponse: { status: 'started', event: job.status },
	};
}

export async function handleCallback(
	this: IWebhookFunctions,
	api: JobApi,
): Promise<IWebhookResponseData> {
	try {
		return await handle(this, api);
	} catch (error) {
		// A bug or a broken parameter must not become an errored execution per callback.
		this.logger.error(
			`${this.getNode().type} failed to handle a callback: ${(error as Error).message}`,
		);
		return refuse(this, 500, 'The trigger could not handle this callback');
	}
}
