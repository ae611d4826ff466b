import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiErrorFromResponse } from '../transport/apiError';
import {
	apiRequest,
	apiStreamRequest,
	executionCancelSignal,
	isSuccess,
} from '../transport/apiRequest';
import type { CleanupAccess } from '../transport/cleanupAfterCancel';
import { parseJsonOrText, readStreamText } from '../transport/readStream';
import { commandWasNotProcessed, submitWithRetry } from '../transport/retryPolicy';
import type { ApiResponse, ByteStream } from '../transport/types';
import { abandonJobAfterCancel, abandonJobAfterTimeout } from './abandonJob';
import { Deadline } from './Deadline';
import { followJobStream } from './followJobStream';
import type { Job } from './job';
import { isFinal, isJob } from './job';
import type { PreparedJob } from './JobOperation';
import { pollJob } from './pollJob';
import { toNodeError } from '../helpers/nodeError';

/** What the engine learnt about a job while running it. */
export interface JobRun {
	job: Job;
	/** HTTP 200 to a submit: the API returned an existing job (execute-once buttons). */
	reusedExisting: boolean;
}

function requestBody(prepared: PreparedJob, stream: boolean): IDataObject | FormData {
	const fields: IDataObject = { ...prepared.request.body, ...prepared.settings.routing, stream };
	const files = prepared.request.files ?? [];
	if (files.length === 0) return fields;
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined && value !== null) form.append(name, String(value));
	}
	for (const file of files) {
		form.append(
			file.field,
			new Blob([new Uint8Array(file.data)], { type: file.mimeType }),
			file.fileName,
		);
	}
	return form;
}

function isEventStream(response: ApiResponse): boolean {
	return String(response.headers['content-type'] ?? '').includes('text/event-stream');
}

async function submitStreaming(
	context: IExecuteFunctions,
	prepared: PreparedJob,
): Promise<ApiResponse> {
	const response = await apiStreamRequest.call(
		context,
		'POST',
		`/jobs/${prepared.operation.verb}`,
		{ body: requestBody(prepared, true) },
		prepared.itemIndex,
	);
	if (isSuccess(response.statusCode) && isEventStream(response)) return response;
	// Errors (and execute-once repeats) come back as JSON even when a stream was asked for.
	const text = await readStreamText(response.body);
	return { ...response, body: parseJsonOrText(text) };
}

/** For every submit that failed in a way that may still have created (and charged) a job. */
const MAYBE_CREATED =
	'The job may or may not have been created. The node does not submit it again, so it is never paid for twice: check Job → List Running or your Midjourney DM before running this item again.';

/** Gateway failures and timeouts can happen after useapi.net accepted the job. */
function mayHaveCreatedJob(response: ApiResponse): boolean {
	if (response.statusCode === 596 || response.statusCode < 500) return false;
	return !commandWasNotProcessed(response);
}

function lostBeforeConfirmation(context: IExecuteFunctions, prepared: PreparedJob, why: string) {
	return new NodeApiError(
		context.getNode(),
		{ error: why },
		{
			message: `The connection to useapi.net ended before it confirmed the job (${why})`,
			description: MAYBE_CREATED,
			itemIndex: prepared.itemIndex,
		},
	);
}

async function timedOut(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	jobid: string,
): Promise<JobRun> {
	const abandoned = await abandonJobAfterTimeout.call(context, jobid, prepared.itemIndex);
	if (abandoned.finishedJob) return { job: abandoned.finishedJob, reusedExisting: false };
	throw new NodeOperationError(
		context.getNode(),
		`Job ${jobid} did not finish within ${Math.round(prepared.settings.timeoutMs / 1000)} s`,
		{
			itemIndex: prepared.itemIndex,
			description: `${abandoned.detail} Raise Options → Timeout for long jobs (video, upscales), or use Wait for Completion → Don't Wait with the MidjourneyV3 Trigger.`,
		},
	);
}

async function submitAndWait(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	tracked: { jobid?: string },
): Promise<JobRun> {
	const { settings, itemIndex } = prepared;
	const deadline = new Deadline(settings.timeoutMs);

	const existing = await prepared.operation.findExisting?.call(context, prepared);
	if (existing) {
		tracked.jobid = existing;
		return await followExisting(context, prepared, existing, deadline);
	}

	const streaming = settings.waitMode === 'stream';
	let response: ApiResponse;
	try {
		response = await submitWithRetry(
			context.getNode(),
			async () =>
				streaming
					? await submitStreaming(context, prepared)
					: await apiRequest.call(
							context,
							'POST',
							`/jobs/${prepared.operation.verb}`,
							{ body: requestBody(prepared, false) },
							itemIndex,
						),
			{
				busyRetryMs: settings.busyRetryMs,
				remainingMs: () => deadline.remainingMs(),
				cancelSignal: executionCancelSignal(context),
			},
			itemIndex,
		);
	} catch (error) {
		const failure = toNodeError(context.getNode(), error, itemIndex);
		// No answer to a submit (connection reset, timeout): the request may have arrived.
		if (
			!executionCancelSignal(context)?.aborted &&
			failure instanceof NodeApiError &&
			!failure.httpCode
		) {
			failure.description = `${failure.description ?? ''} ${MAYBE_CREATED}`.trim();
		}
		throw failure;
	}

	if (!isSuccess(response.statusCode)) {
		if (isJob(response.body)) tracked.jobid = response.body.jobid;
		const maybeCreated = mayHaveCreatedJob(response);
		const hint =
			response.statusCode === 400
				? prepared.operation.rejectionHint
				: maybeCreated
					? MAYBE_CREATED
					: undefined;
		throw apiErrorFromResponse(
			context.getNode(),
			response.statusCode,
			response.body,
			itemIndex,
			hint,
			{
				replacesAction: maybeCreated,
			},
		);
	}
	const reusedExisting = response.statusCode === 200 && !isEventStream(response);

	let lastKnown: Job | undefined;
	if (isEventStream(response)) {
		const streamed = await followJobStream(response.body as ByteStream, deadline);
		tracked.jobid = streamed.jobid;
		if (streamed.final && streamed.job) return { job: streamed.job, reusedExisting };
		if (executionCancelSignal(context)?.aborted) {
			throw new NodeOperationError(context.getNode(), 'The execution was cancelled', { itemIndex });
		}
		if (!streamed.jobid) {
			throw lostBeforeConfirmation(
				context,
				prepared,
				streamed.interruption ?? 'no job id received',
			);
		}
		if (streamed.timedOut) return await timedOut(context, prepared, streamed.jobid);
		lastKnown = streamed.job;
	} else {
		if (!isJob(response.body)) {
			throw lostBeforeConfirmation(
				context,
				prepared,
				`unexpected answer: ${JSON.stringify(response.body)?.slice(0, 200)}`,
			);
		}
		tracked.jobid = response.body.jobid;
		if (settings.waitMode === 'none' || isFinal(response.body.status)) {
			return { job: response.body, reusedExisting };
		}
		lastKnown = response.body;
	}

	// Never submit again once a job exists: read it until it is final.
	const jobid = tracked.jobid as string;
	const polled = await pollJob.call(
		context,
		jobid,
		settings.pollIntervalMs,
		deadline,
		itemIndex,
		lastKnown,
	);
	if (polled.timedOut || !polled.job) return await timedOut(context, prepared, jobid);
	return { job: polled.job, reusedExisting };
}

/** Follows a job an earlier identical request created (execute-once verbs) instead of pressing again. */
async function followExisting(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	jobid: string,
	deadline: Deadline,
): Promise<JobRun> {
	const { settings, itemIndex } = prepared;
	const reading = settings.waitMode === 'none' ? new Deadline(0) : deadline;
	const polled = await pollJob.call(context, jobid, settings.pollIntervalMs, reading, itemIndex);
	if (polled.job && (isFinal(polled.job.status) || settings.waitMode === 'none')) {
		return { job: polled.job, reusedExisting: true };
	}
	const finished = await timedOut(context, prepared, jobid);
	return { ...finished, reusedExisting: true };
}

/**
 * Submits one item's job and waits for it as the user chose. A job the node abandons
 * (timeout, stopped execution) is cancelled so its slot is freed.
 */
export async function runJob(
	this: IExecuteFunctions,
	prepared: PreparedJob,
	cleanup: CleanupAccess | undefined,
): Promise<JobRun> {
	const tracked: { jobid?: string } = {};
	try {
		return await submitAndWait(this, prepared, tracked);
	} catch (error) {
		if (executionCancelSignal(this)?.aborted && tracked.jobid && cleanup) {
			await abandonJobAfterCancel.call(this, cleanup, tracked.jobid);
		}
		throw toNodeError(this.getNode(), error, prepared.itemIndex);
	}
}
