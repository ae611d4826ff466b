import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiEndpoint } from './ApiEndpoint';
import { release } from './readStream';
import type { ApiResponse, ByteStream } from './types';

/**
 * n8n's HTTP helper follows redirects and puts the Authorization header back on the next hop,
 * whatever its origin (n8n-core 2.30 and 2.41 alike: `sendCredentialsOnCrossOriginRedirect`
 * defaults to true). Requests that carry a token are therefore sent with
 * `disableFollowRedirect`, and their redirects are followed here: to the same origin only.
 */
export const MAX_SAME_ORIGIN_REDIRECTS = 5;

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** Where a redirect answer points, resolved against the URL it answered; undefined for any other answer. */
export function redirectTarget(response: ApiResponse, requestUrl: string): string | undefined {
	if (!REDIRECT_STATUSES.includes(response.statusCode)) return undefined;
	const location = response.headers.location;
	if (typeof location !== 'string' || location === '') return undefined;
	try {
		return new URL(location, requestUrl).href;
	} catch {
		return undefined;
	}
}

/** The URL a request goes to, query included. */
export function fullUrl(request: IHttpRequestOptions): string {
	const url = new URL(request.url);
	for (const [key, value] of Object.entries((request.qs ?? {}) as IDataObject)) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	return url.href;
}

function originOf(url: string): string {
	return new URL(url).origin;
}

/** The next hop, as browsers and axios make it: 303 (and 301/302 after a POST) turn into a GET without body. */
function nextHop(request: IHttpRequestOptions, status: number, url: string): IHttpRequestOptions {
	const method = request.method ?? 'GET';
	const becomesGet =
		(status === 303 && method !== 'HEAD') ||
		((status === 301 || status === 302) && method === 'POST');
	return {
		...request,
		url,
		qs: undefined,
		...(becomesGet ? { method: 'GET', body: undefined } : {}),
	};
}

/** Releases a redirect's body, which nobody reads. */
async function discard(response: ApiResponse): Promise<void> {
	const body = response.body as ByteStream | undefined;
	if (body && typeof body.destroy === 'function') await release(body);
}

export interface Followed<TBody> {
	response: ApiResponse<TBody>;
	/** Set when the last answer redirects to another origin (its body already released). */
	crossOrigin?: { status: number; url: string };
}

/**
 * Sends a credentialed request without n8n following redirects, and follows those that stay on
 * the request's origin (at most MAX_SAME_ORIGIN_REDIRECTS). A redirect to another origin is
 * returned, never followed: what to do with it is the caller's choice.
 */
export async function sendWithinOrigin<TBody>(
	node: INode,
	endpoint: ApiEndpoint,
	request: IHttpRequestOptions,
	send: (request: IHttpRequestOptions) => Promise<ApiResponse<TBody>>,
	itemIndex?: number,
): Promise<Followed<TBody>> {
	const origin = originOf(request.url);
	let hop: IHttpRequestOptions = { ...request, disableFollowRedirect: true };
	for (let redirects = 0; ; redirects++) {
		const response = await send(hop);
		const target = redirectTarget(response, fullUrl(hop));
		if (!target) return { response };
		await discard(response);
		if (originOf(target) !== origin) {
			return { response, crossOrigin: { status: response.statusCode, url: target } };
		}
		if (redirects === MAX_SAME_ORIGIN_REDIRECTS)
			throw tooManyRedirects(node, endpoint, response, itemIndex);
		hop = nextHop(hop, response.statusCode, target);
	}
}

/** Errors of redirects the node refused: final, never retried as if the network had failed. */
const refusedRedirects = new WeakSet<NodeApiError>();

export function isRefusedRedirect(error: unknown): boolean {
	return error instanceof NodeApiError && refusedRedirects.has(error);
}

function refused(error: NodeApiError): NodeApiError {
	refusedRedirects.add(error);
	return error;
}

function tooManyRedirects(
	node: INode,
	{ credentialName }: ApiEndpoint,
	response: ApiResponse,
	itemIndex?: number,
): NodeApiError {
	return refused(
		new NodeApiError(
			node,
			{ error: `more than ${MAX_SAME_ORIGIN_REDIRECTS} redirects` },
			{
				message: `The API kept redirecting (more than ${MAX_SAME_ORIGIN_REDIRECTS} redirects)`,
				description: `Check the Base URL of the ${credentialName} credential: it should be the API's own address.`,
				httpCode: String(response.statusCode),
				itemIndex,
			},
		),
	);
}

/** An API call answered with a redirect to another origin: the token must not follow it. */
export function crossOriginRedirectError(
	node: INode,
	{ credentialName, defaultBaseUrl }: ApiEndpoint,
	redirect: { status: number; url: string },
	itemIndex?: number,
): NodeApiError {
	const to = originOf(redirect.url);
	return refused(
		new NodeApiError(
			node,
			{ error: `HTTP ${redirect.status} redirect to ${to}` },
			{
				message: `The API redirected the request to another host (${to})`,
				description: `The node does not follow a redirect to another host, so the ${credentialName} token is never sent there, and the request was not repeated there. Check the credential's Base URL: it should be the API's own address${defaultBaseUrl ? ` (${defaultBaseUrl})` : ''}.`,
				httpCode: String(redirect.status),
				itemIndex,
			},
		),
	);
}
