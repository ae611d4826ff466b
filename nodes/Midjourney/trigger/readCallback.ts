import type { IDataObject } from 'n8n-workflow';

import type { Job } from '../engine/job';
import { isJob } from '../engine/job';
import type { JobApi } from '../apis/JobApi';

/** A job JSON is a few kilobytes; anything far larger is not a useapi.net callback. */
export const MAX_CALLBACK_BYTES = 1024 * 1024;

/**
 * Not the v3 job-id pattern (apis/useapiV3/jobId.ts), on purpose: a callback's jobid only names a job
 * to re-read from the API, which decides whether it exists. useapi.net does not resend a callback
 * answered 400, so rejecting a real one over a changed id format would lose a paid result; this
 * only keeps what reaches the API path and the logs short and plain.
 */
const CALLBACK_JOB_ID = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,199}$/;

/** The parts of an express request the trigger reads (n8n hands over an express Request). */
export interface CallbackRequest {
	body?: unknown;
	rawBody?: unknown;
	headers?: IDataObject;
}

export type CallbackReading =
	| { ok: true; jobid: string; claimed: Partial<Job> }
	| { ok: false; statusCode: number; error: string };

function reject(statusCode: number, error: string): CallbackReading {
	return { ok: false, statusCode, error };
}

function byteLength(value: unknown): number | undefined {
	if (value instanceof Uint8Array) return value.byteLength;
	if (typeof value === 'string') return Buffer.byteLength(value);
	return undefined;
}

/** Size of the request body: the raw bytes n8n read, else the declared length, else the parsed body. */
function bodySize(request: CallbackRequest): number {
	const raw = byteLength(request.rawBody);
	if (raw !== undefined) return raw;
	const declared = Number(request.headers?.['content-length']);
	if (Number.isFinite(declared) && declared >= 0) return declared;
	const text = byteLength(request.body);
	if (text !== undefined) return text;
	try {
		return Buffer.byteLength(JSON.stringify(request.body) ?? '');
	} catch {
		// Unserializable (circular) bodies are never callbacks.
		return Number.POSITIVE_INFINITY;
	}
}

function parseText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * The JSON value of the body. n8n parses application/json itself (and answers 422 to invalid
 * JSON before the node runs); text/plain arrives as a string and other content types only as
 * raw bytes, so those are parsed here.
 */
function bodyValue(request: CallbackRequest): unknown {
	const { body, rawBody } = request;
	if (typeof body === 'string') return parseText(body);
	const isEmptyObject =
		body === undefined ||
		(typeof body === 'object' &&
			body !== null &&
			!Array.isArray(body) &&
			Object.keys(body).length === 0);
	if (isEmptyObject && rawBody instanceof Uint8Array && rawBody.byteLength > 0) {
		return parseText(Buffer.from(rawBody).toString('utf8'));
	}
	return body;
}

/**
 * Checks that a request looks like a job callback of the API, without trusting any of it:
 * size, JSON, a plausible job id. `claimed` is the body as sent, used only when the node is
 * told not to verify with the API.
 */
export function readCallback(request: CallbackRequest, api: JobApi): CallbackReading {
	if (bodySize(request) > MAX_CALLBACK_BYTES) {
		return reject(413, `Body larger than ${MAX_CALLBACK_BYTES} bytes`);
	}
	const value = bodyValue(request);
	if (value === undefined) return reject(400, 'Body is not JSON');
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return reject(400, 'Body is not a job object');
	}
	// The API's toJob finds the job inside an envelope (e.g. { timestamp, data: job }).
	const claimed = api.toJob(value);
	const jobid = claimed?.jobid ?? (value as IDataObject)[api.jobIdField];
	if (typeof jobid !== 'string' || jobid === '')
		return reject(400, `Body has no ${api.jobIdField}`);
	if (!CALLBACK_JOB_ID.test(jobid)) return reject(400, `Body has an invalid ${api.jobIdField}`);
	return { ok: true, jobid, claimed: claimed ?? (value as Partial<Job>) };
}

/** The unverified body as a job, when it has the fields a job must have. */
export function claimedJob(claimed: Partial<Job>): Job | undefined {
	return isJob(claimed) ? claimed : undefined;
}
