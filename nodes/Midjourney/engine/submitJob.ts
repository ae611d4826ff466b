import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toNodeError } from '../helpers/nodeError';
import { apiErrorFromResponse } from '../transport/apiError';
import {
	apiRequest,
	apiStreamRequest,
	executionCancelSignal,
	isSuccess,
	requestTimeout,
} from '../transport/apiRequest';
import { readAnswer } from '../transport/readStream';
import { commandWasNotProcessed, submitWithRetry } from '../transport/retryPolicy';
import type { ApiResponse, ByteStream } from '../transport/types';
import type { JobApi } from '../apis/JobApi';
import type { Deadline } from './Deadline';
import { asLostSubmit, isLostSubmit, lostSubmitError, maybeCreatedAdvice } from './lostSubmit';
import type { Job } from './job';
import type { JobFile, PreparedJob } from './JobOperation';
import type { HeldSlot } from './waiting/slotPace';

/** What a submit the API accepted hands to the wait: a live stream, or the job as JSON. */
export interface AcceptedSubmit {
	stream?: ByteStream;
	job?: Job;
	/** HTTP 200 with JSON: the API returned an existing job (execute-once buttons). */
	reusedExisting: boolean;
	/** When the accepted answer arrived: the job exists, created at most this late (our clock). */
	acceptedAt?: number;
}

/** The request's JSON body with each inline file's base64 at its place. */
function withInlineFiles(body: IDataObject, inline: Array<{ file: JobFile; data: Buffer }>) {
	if (inline.length === 0) return body;
	const copy = JSON.parse(JSON.stringify(body)) as IDataObject;
	for (const { file, data } of inline) {
		const path = file.inlineAt!;
		let parent = copy as Record<string | number, unknown>;
		for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
		parent[path[path.length - 1]] = data.toString('base64');
	}
	return copy;
}

/** The submit's body. Input files are read here, when the job is sent, not when it is checked. */
export async function requestBody(
	api: JobApi,
	prepared: PreparedJob,
	stream: boolean,
	replyRef: string,
): Promise<IDataObject | FormData> {
	const { routing } = prepared.settings;
	const loaded = await Promise.all(
		(prepared.request.files ?? []).map(async (file) => ({ file, data: await file.load() })),
	);
	const fields: IDataObject = {
		...withInlineFiles(
			prepared.request.body,
			loaded.filter(({ file }) => file.inlineAt),
		),
		...api.submitFields({ stream, replyRef, routing }),
	};
	const parts = loaded.filter(({ file }) => !file.inlineAt);
	if (parts.length === 0) return fields;
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined && value !== null) form.append(name, String(value));
	}
	for (const { file, data } of parts) {
		const blob = new Blob([new Uint8Array(data)], { type: file.mimeType });
		form.append(file.field, blob, file.fileName);
	}
	return form;
}

export function isEventStream(response: ApiResponse): boolean {
	return String(response.headers['content-type'] ?? '').includes('text/event-stream');
}

async function postOnce(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	deadline: Deadline,
	replyRef: string,
): Promise<ApiResponse> {
	const { api } = prepared;
	const streaming = api.followStream !== undefined && prepared.waiting.streams;
	const { method, path, qs } = api.submit(prepared.operation.verb);
	const options = {
		qs,
		body: await requestBody(api, prepared, streaming, replyRef),
		timeoutMs: deadline.remainingMs(),
	};
	const { itemIndex } = prepared;
	const { endpoint } = api;
	if (!streaming) return await apiRequest.call(context, endpoint, method, path, options, itemIndex);
	const response = await apiStreamRequest.call(context, endpoint, method, path, options, itemIndex);
	if (isSuccess(response.statusCode) && isEventStream(response)) return response;
	// Errors (and execute-once repeats) come back as JSON even when a stream was asked for.
	try {
		// an answer that has arrived gets its second to be read, even at the end of the Timeout
		return await readAnswer(response, requestTimeout(deadline.remainingMs()));
	} catch (error) {
		const why = `the answer was cut off: ${(error as Error).message || 'connection closed'}`;
		throw asLostSubmit(lostSubmitError(context, prepared, why));
	}
}

/** Failures that happen before a request leaves this machine: nothing can have been created. */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_INVALID_URL)\b/;

function neverSent(failure: NodeApiError): boolean {
	return NOT_SENT.test(failure.description ?? '');
}

/** Gateway failures and timeouts can happen after useapi.net accepted the job. */
function mayHaveCreatedJob(response: ApiResponse): boolean {
	if (response.statusCode === 596 || response.statusCode < 500) return false;
	return !commandWasNotProcessed(response);
}

function refused(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	response: ApiResponse,
): NodeApiError {
	const maybeCreated = mayHaveCreatedJob(response);
	const { api, operation, request } = prepared;
	const hint =
		response.statusCode === 400
			? operation.rejectionHint
			: maybeCreated
				? maybeCreatedAdvice(api)
				: api.refusalAdvice?.(response.statusCode, operation.verb, request.body);
	return apiErrorFromResponse(
		context.getNode(),
		prepared.api.endpoint,
		response.statusCode,
		response.body,
		prepared.itemIndex,
		hint,
		{ replacesAction: maybeCreated },
	);
}

/** Turns the API's answer into an accepted submit, an API error, or a LostSubmit. */
function classify(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	response: ApiResponse,
	onRefusedJob: (job: Job) => void,
): AcceptedSubmit {
	const { api } = prepared;
	if (!isSuccess(response.statusCode)) {
		const error = refused(context, prepared, response);
		if (mayHaveCreatedJob(response)) throw asLostSubmit(error);
		// A refusal that still created a job (422 moderated, 596 locked): it is known and final.
		const refusedJob = api.toJob(response.body);
		if (refusedJob) onRefusedJob(refusedJob);
		throw error;
	}
	if (isEventStream(response)) {
		return { stream: response.body as ByteStream, reusedExisting: false };
	}
	const accepted = api.acceptedJob(response.body, response.statusCode);
	if (!accepted) {
		const why = `unexpected answer: ${JSON.stringify(response.body)?.slice(0, 200)}`;
		throw asLostSubmit(lostSubmitError(context, prepared, why));
	}
	return accepted;
}

/**
 * Submits one item's job, waiting out a busy channel (429: for a slot the API reports free,
 * else for one of the run's own jobs to end, else the Busy Retry pause) and resubmitting only
 * what the API says it did not process. Throws a lost submit (isLostSubmit) when the job may exist without the
 * node knowing it.
 */
export async function submitJob(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	deadline: Deadline,
	replyRef: string,
	onRefusedJob: (job: Job) => void,
	slot?: HeldSlot,
): Promise<AcceptedSubmit> {
	const { api } = prepared;
	const cancelSignal = executionCancelSignal(context);
	const remainingMs = () => deadline.remainingMs();
	let response: ApiResponse;
	try {
		response = await submitWithRetry(
			context.getNode(),
			api.endpoint,
			async () => await postOnce(context, prepared, deadline, replyRef),
			{
				busyRetryMs: prepared.settings.busyRetryMs,
				remainingMs,
				cancelSignal,
				// The API's own report of a free slot where it has one, else the ends of the run's own jobs.
				waitForSlot: async (body) =>
					api.waitForSlot
						? await api.waitForSlot(context, prepared, body, remainingMs)
						: ((await slot?.busy(remainingMs, cancelSignal)) ?? false),
			},
			prepared.itemIndex,
		);
	} catch (error) {
		const failure = toNodeError(context.getNode(), error, prepared.itemIndex);
		if (isLostSubmit(failure) || executionCancelSignal(context)?.aborted) throw failure;
		if (failure instanceof NodeApiError && !failure.httpCode && !neverSent(failure)) {
			// No (complete) answer to a submit: reset, timeout, a body cut short. Whatever the wait
			// mode, the same words: the request may have arrived and created the job.
			const why = failure.description?.split('. ')[0] || failure.message;
			throw asLostSubmit(lostSubmitError(context, prepared, why));
		}
		throw failure;
	}
	return { ...classify(context, prepared, response, onRefusedJob), acceptedAt: Date.now() };
}
