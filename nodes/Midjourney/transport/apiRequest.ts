import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { apiErrorFromResponse, networkError } from './apiError';
import { crossOriginRedirectError, sendWithinOrigin } from './redirects';
import { endpointOf } from '../apis/endpointOf';
import type { ApiContext, ApiResponse, ByteStream, HttpMethod, RequestOptions } from './types';
import { toNodeError } from '../helpers/nodeError';

export function executionCancelSignal(context: ApiContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

export async function apiRootUrl(context: ApiContext): Promise<string> {
	const { credentialType, defaultBaseUrl } = endpointOf(context);
	const credentials = await context.getCredentials<{ baseUrl?: string }>(credentialType);
	return (credentials.baseUrl || defaultBaseUrl).replace(/\/+$/, '');
}

/** A request always gets a moment to answer, even when the deadline is all but spent. */
const MIN_REQUEST_TIMEOUT_MS = 1000;

function requestTimeout(ms: number): number {
	return Math.max(MIN_REQUEST_TIMEOUT_MS, Math.ceil(ms));
}

function isFormData(body: unknown): body is FormData {
	return typeof FormData !== 'undefined' && body instanceof FormData;
}

async function authenticated<TBody>(
	context: ApiContext,
	credentialType: string,
	request: IHttpRequestOptions,
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	try {
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			request,
		)) as ApiResponse<TBody>;
	} catch (error) {
		// A cancelled execution surfaces as a failed request; callers check the signal themselves.
		if (executionCancelSignal(context)?.aborted)
			throw toNodeError(context.getNode(), error, itemIndex);
		throw networkError(context.getNode(), error, itemIndex);
	}
}

/** A GET to where a redirect pointed, without any credential (a CDN the API sent the file to). */
async function withoutCredentials<TBody>(
	context: ApiContext,
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
		throw networkError(context.getNode(), error, itemIndex);
	}
}

async function send<TBody>(
	context: ApiContext,
	method: HttpMethod,
	path: string,
	options: RequestOptions,
	extra: Partial<IHttpRequestOptions>,
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	const { credentialType, prefix } = endpointOf(context);
	const request: IHttpRequestOptions = {
		method,
		url: (await apiRootUrl(context)) + (options.fromRoot ? '' : prefix) + path,
		qs: options.qs,
		// axios sets the multipart boundary itself for a FormData body.
		body: options.body as IHttpRequestOptions['body'],
		json: !isFormData(options.body),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...(options.timeoutMs !== undefined ? { timeout: requestTimeout(options.timeoutMs) } : {}),
		...extra,
	};
	const node = context.getNode();
	const { response, crossOrigin } = await sendWithinOrigin<TBody>(
		node,
		request,
		async (hop) => await authenticated<TBody>(context, credentialType, hop, itemIndex),
		itemIndex,
	);
	if (!crossOrigin) return response;
	if (options.crossOriginWithoutCredentials) {
		return await withoutCredentials<TBody>(context, crossOrigin.url, request, itemIndex);
	}
	throw crossOriginRedirectError(node, crossOrigin, itemIndex);
}

/** One API call; any HTTP status comes back to the caller, nothing is thrown for it. */
export async function apiRequest<TBody = unknown>(
	this: ApiContext,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<ApiResponse<TBody>> {
	return await send<TBody>(this, method, path, options, {}, itemIndex);
}

/** Like apiRequest, but the body is handed over as a stream as soon as the headers arrive. */
export async function apiStreamRequest(
	this: ApiContext,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<ApiResponse<ByteStream>> {
	return await send<ByteStream>(this, method, path, options, { encoding: 'stream' }, itemIndex);
}

export function isSuccess(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** An API call whose error statuses become NodeApiErrors that say what to do. */
export async function apiCall<TBody = IDataObject>(
	this: ApiContext,
	method: HttpMethod,
	path: string,
	options: RequestOptions = {},
	itemIndex?: number,
): Promise<TBody> {
	const response = await apiRequest.call(this, method, path, options, itemIndex);
	if (!isSuccess(response.statusCode)) {
		throw apiErrorFromResponse(this.getNode(), response.statusCode, response.body, itemIndex);
	}
	return response.body as TBody;
}
