import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiErrorFromResponse, networkError } from './apiError';
import { AnswerTooLargeError, readAnswer } from './readStream';
import { crossOriginRedirectError, sendWithinOrigin } from './redirects';
import { apiRoot, type ApiEndpoint } from './ApiEndpoint';
import type { ApiContext, ApiResponse, ByteStream, HttpMethod, RequestOptions } from './types';
import { toNodeError } from '../helpers/nodeError';

export function executionCancelSignal(context: ApiContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

export async function apiRootUrl(context: ApiContext, endpoint: ApiEndpoint): Promise<string> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>(endpoint.credentialType);
	const root = apiRoot(endpoint, credentials.baseUrl);
	if (!root) throw missingBaseUrl(context, endpoint);
	return root;
}

function missingBaseUrl(context: ApiContext, { credentialName }: ApiEndpoint): NodeOperationError {
	return new NodeOperationError(context.getNode(), `The ${credentialName} credential has no Base URL`, {
		description: `Open the ${credentialName} credential and set Base URL to the address of the service that serves this API. Nothing was sent.`,
	});
}

/** A request always gets a moment to answer, even when the deadline is all but spent. */
const MIN_REQUEST_TIMEOUT_MS = 1000;

/** A request's (and its answer's) time: what is left of the Timeout, but never under a second. */
export function requestTimeout(ms: number): number {
	return Math.max(MIN_REQUEST_TIMEOUT_MS, Math.ceil(ms));
}

function isFormData(body: unknown): body is FormData {
	return typeof FormData !== 'undefined' && body instanceof FormData;
}

async function authenticated<TBody>(
	context: ApiContext,
	endpoint: ApiEndpoint,
	request: IHttpRequestOptions,
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			endpoint.credentialType,
			request,
		)) as ApiResponse<TBody>;
	} catch (error) {
		// A cancelled execution surfaces as a failed request; callers check the signal themselves.
		if (executionCancelSignal(context)?.aborted)
			throw toNodeError(context.getNode(), error, itemIndex);
		throw networkError(context.getNode(), endpoint, error, itemIndex);
	}
}

/** A GET to where a redirect pointed, without any credential (a CDN the API sent the file to). */
async function withoutCredentials<TBody>(
	context: ApiContext,
	endpoint: ApiEndpoint,
	url: string,
	request: IHttpRequestOptions,
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	const { encoding, json, timeout } = request;
	try {
		return (await context.helpers.httpRequest({
			method: 'GET',
			url,
			encoding,
			json,
			timeout,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as ApiResponse<TBody>;
	} catch (error) {
		throw networkError(context.getNode(), endpoint, error, itemIndex);
	}
}

/** Every answer comes as a stream, so no body is ever read further than its caller needs. */
async function send(
	context: ApiContext,
	endpoint: ApiEndpoint,
	method: HttpMethod,
	path: string,
	options: RequestOptions,
	itemIndex?: number,
): Promise<ApiResponse<ByteStream>> {
	const request: IHttpRequestOptions = {
		method,
		url: (await apiRootUrl(context, endpoint)) + (options.fromRoot ? '' : endpoint.prefix) + path,
		qs: options.qs,
		// axios sets the multipart boundary itself for a FormData body.
		body: options.body as IHttpRequestOptions['body'],
		json: !isFormData(options.body),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...(options.timeoutMs !== undefined ? { timeout: requestTimeout(options.timeoutMs) } : {}),
		encoding: 'stream',
	};
	const node = context.getNode();
	const { response, crossOrigin } = await sendWithinOrigin<ByteStream>(
		node,
		endpoint,
		request,
		async (hop) => await authenticated<ByteStream>(context, endpoint, hop, itemIndex),
		itemIndex,
	);
	if (!crossOrigin) return response;
	if (options.crossOriginWithoutCredentials) {
		const { url } = crossOrigin;
		return await withoutCredentials<ByteStream>(context, endpoint, url, request, itemIndex);
	}
	throw crossOriginRedirectError(node, endpoint, crossOrigin, itemIndex);
}

/** One API call; any HTTP status comes back to the caller, nothing is thrown for it. */
export async function apiRequest<TBody = unknown>(
	this: ApiContext,
	endpoint: ApiEndpoint,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	const response = await send(this, endpoint, method, path, options, itemIndex);
	const readWithinMs =
		options.timeoutMs === undefined ? undefined : requestTimeout(options.timeoutMs);
	const answer = await readAnswerOf(this, endpoint, response, itemIndex, readWithinMs);
	return answer as ApiResponse<TBody>;
}

/** Like apiRequest, but the body is handed over as a stream as soon as the headers arrive. */
export async function apiStreamRequest(
	this: ApiContext,
	endpoint: ApiEndpoint,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<ApiResponse<ByteStream>> {
	return await send(this, endpoint, method, path, options, itemIndex);
}

/**
 * Reads a streamed answer within bounds (readAnswer): a failure to read it is a network failure,
 * except an oversized successful answer, which is said as such.
 */
export async function readAnswerOf(
	context: ApiContext,
	endpoint: ApiEndpoint,
	response: ApiResponse<ByteStream>,
	itemIndex?: number,
	timeoutMs?: number,
): Promise<ApiResponse> {
	try {
		return await readAnswer(response, timeoutMs);
	} catch (error) {
		if (executionCancelSignal(context)?.aborted)
			throw toNodeError(context.getNode(), error, itemIndex);
		// Without its code: n8n replaces a message naming ECONNRESET with a generic one, and a
		// body cut short is said the same way whatever the socket reported.
		if (!(error instanceof AnswerTooLargeError))
			throw networkError(
				context.getNode(),
				endpoint,
				{ message: (error as Error).message },
				itemIndex,
			);
		return tooLargeAnswer(context, error, itemIndex);
	}
}

function tooLargeAnswer(context: ApiContext, error: Error, itemIndex?: number): never {
	throw new NodeApiError(
		context.getNode(),
		{ error: error.message },
		{
			message: `The API's answer was too large (${error.message})`,
			description:
				"The node stopped reading it. Check the Base URL of the credential: it should be the API's own address.",
			itemIndex,
		},
	);
}

export function isSuccess(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** An API call whose error statuses become NodeApiErrors that say what to do. */
export async function apiCall<TBody = IDataObject>(
	this: ApiContext,
	endpoint: ApiEndpoint,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<TBody> {
	const response = await apiRequest.call(this, endpoint, method, path, options, itemIndex);
	if (!isSuccess(response.statusCode)) {
		const { statusCode, body } = response;
		throw apiErrorFromResponse(this.getNode(), endpoint, statusCode, body, itemIndex);
	}
	return response.body as TBody;
}
