import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';
import type { ApiResponse, ByteStream } from './types';

/** An error answer is read this far: enough for any message an API writes, never a whole dump. */
export const ERROR_BODY_LIMIT_BYTES = 8 * 1024;

/** A successful JSON answer (a job, a list of jobs) is read this far at most. */
export const ANSWER_LIMIT_BYTES = 16 * 1024 * 1024;

export interface ReadText {
	text: string;
	/** The body went on past the limit; the rest was never read. */
	cut: boolean;
}

const encoder = new TextEncoder();

/** Reads a body up to `maxBytes`, then stops reading it (the connection is closed). */
export async function readStreamText(stream: ByteStream, maxBytes: number): Promise<ReadText> {
	const decoder = new TextDecoder();
	let text = '';
	let bytes = 0;
	for await (const chunk of stream) {
		const data = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
		if (bytes + data.length > maxBytes) {
			text += decoder.decode(data.subarray(0, maxBytes - bytes));
			stream.destroy();
			return { text, cut: true };
		}
		bytes += data.length;
		text += decoder.decode(data, { stream: true });
	}
	return { text: text + decoder.decode(), cut: false };
}

/**
 * Closes a body nobody will read. Leaving a read loop ends the stream the way a reader does,
 * which also closes the connection; destroy() on a body not read yet does not always do that.
 */
export async function release(stream: ByteStream): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	for await (const _chunk of stream) break;
}

export function parseJsonOrText(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function sizeOf(contentLength: unknown): string {
	const bytes = Number(contentLength);
	if (!Number.isFinite(bytes) || bytes <= 0)
		return `longer than ${ERROR_BODY_LIMIT_BYTES / 1024} kB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * An error body cut at the limit: the message the API began with (its "error" or "message"
 * field, when the start of the JSON shows it), and a note that the rest was not read.
 */
export function cutErrorBody(
	text: string,
	contentLength: unknown,
): { error: string; message: string } {
	const named = /"(?:error|message)"\s*:\s*"([^"\\]{1,300})"/.exec(text)?.[1];
	const start = named ?? text.replace(/\s+/g, ' ').trim().slice(0, 200);
	const note = `(the answer was ${sizeOf(contentLength)}; only its first ${ERROR_BODY_LIMIT_BYTES / 1024} kB were read)`;
	const error = `${start} ${note}`.trim();
	return { error, message: error };
}

/**
 * A body that stops half-way must not hold the node: with a time limit, the read gives up (and
 * closes the connection) once it has passed, as n8n's own request timeout would for a body it reads.
 */
async function withinTime<T>(
	reading: Promise<T>,
	stream: ByteStream,
	timeoutMs?: number,
): Promise<T> {
	if (timeoutMs === undefined) return await reading;
	const stop = new AbortController();
	const expiry = (async (): Promise<never> => {
		await sleepUnlessAborted(timeoutMs, stop.signal);
		const failure = Object.assign(
			new Error(`the answer did not complete within ${Math.round(timeoutMs / 1000)} s`),
			{ code: 'ETIMEDOUT' },
		);
		stream.destroy(failure);
		throw failure;
	})();
	try {
		return await Promise.race([reading, expiry]);
	} finally {
		stop.abort();
	}
}

/** A successful answer past ANSWER_LIMIT_BYTES: no API of this package sends one. */
export class AnswerTooLargeError extends Error {
	constructor() {
		super(`the answer was larger than ${ANSWER_LIMIT_BYTES / (1024 * 1024)} MB`);
		this.name = 'AnswerTooLargeError';
	}
}

/**
 * Reads a streamed answer's body the way the callers need it: JSON (or text) parsed, an error
 * body only up to ERROR_BODY_LIMIT_BYTES, a successful one up to ANSWER_LIMIT_BYTES.
 */
export async function readAnswer(
	response: ApiResponse<ByteStream>,
	timeoutMs?: number,
): Promise<ApiResponse> {
	const success = response.statusCode >= 200 && response.statusCode < 300;
	const reading = readStreamText(
		response.body,
		success ? ANSWER_LIMIT_BYTES : ERROR_BODY_LIMIT_BYTES,
	);
	const { text, cut } = await withinTime(reading, response.body, timeoutMs);
	if (cut && success) throw new AnswerTooLargeError();
	const body = cut ? cutErrorBody(text, response.headers['content-length']) : parseJsonOrText(text);
	return { ...response, body };
}
