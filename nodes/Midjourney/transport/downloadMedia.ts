import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

import { apiErrorFromResponse, networkError } from './apiError';
import { apiStreamRequest, executionCancelSignal, readAnswerOf } from './apiRequest';
import type { ApiEndpoint } from './ApiEndpoint';
import type { ApiResponse, ByteStream } from './types';

/** Through useapi.net's CDN proxy, or straight from the CDN with browser headers. */
export type DownloadRoute = 'proxy' | 'direct';

/** Downloads run in execute() and, for paused executions, in webhook(). */
export type MediaContext = IExecuteFunctions | IWebhookFunctions;

export interface OpenedMedia {
	stream: ByteStream;
	mimeType?: string;
	/** The Content-Length header, when the server sent one. */
	contentLength?: string;
}

// cdn.midjourney.com sits behind Cloudflare, which refuses requests without a browser User-Agent.
const BROWSER_HEADERS = {
	'User-Agent':
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36',
	Accept: '*/*',
};

/**
 * A download of a finished job gives up when the CDN (or the proxy) stays silent this long, far
 * below n8n's own 300 s default: the job is complete and paid, its URLs stay in the output.
 */
export const DOWNLOAD_SILENCE_MS = 60_000;

const ATTEMPTS = 4;
const FIRST_RETRY_MS = 500;

/** The proxy only serves assets of cdn.midjourney.com (imageUx / videoUx), not Discord attachments. */
export function proxyServes(url: string): boolean {
	return url.includes('cdn.midjourney.com/');
}

async function requestOnce(
	context: MediaContext,
	endpoint: ApiEndpoint,
	url: string,
	route: DownloadRoute,
	itemIndex: number,
	timeoutMs: number,
): Promise<ApiResponse<ByteStream>> {
	const { mediaProxyPath } = endpoint;
	if (route === 'proxy' && mediaProxyPath && proxyServes(url)) {
		return await apiStreamRequest.call(
			context,
			endpoint,
			'GET',
			mediaProxyPath,
			{
				qs: { cdnUrl: url },
				fromRoot: true,
				timeoutMs,
				crossOriginWithoutCredentials: true,
			},
			itemIndex,
		);
	}
	try {
		// A public CDN: no useapi.net token may travel there.
		return (await context.helpers.httpRequest({
			method: 'GET',
			url,
			headers: BROWSER_HEADERS,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
		})) as ApiResponse<ByteStream>;
	} catch (error) {
		throw networkError(context.getNode(), endpoint, error, itemIndex);
	}
}

/** What to try after a refused download: the other route where the API has a media proxy. */
function retryAdvice(endpoint: ApiEndpoint, route: DownloadRoute): string {
	if (!endpoint.mediaProxyPath) return 'Run again later';
	return route === 'proxy'
		? 'Try Options → Download Via → Direct, or run again later'
		: 'Try Options → Download Via → useapi.net Proxy, or run again later';
}

/**
 * Opens a media URL as a stream. Cloudflare in front of the CDN answers 403 now and then
 * even to good requests: those are retried with exponential backoff.
 */
export async function openMedia(
	context: MediaContext,
	endpoint: ApiEndpoint,
	url: string,
	route: DownloadRoute,
	itemIndex: number,
	timeoutMs = DOWNLOAD_SILENCE_MS,
): Promise<OpenedMedia> {
	// The answer's headers are waited for at most this long; the body's time is storeDownload's.
	const headersWithinMs = Math.min(DOWNLOAD_SILENCE_MS, timeoutMs);
	for (let attempt = 1; ; attempt++) {
		const response = await requestOnce(context, endpoint, url, route, itemIndex, headersWithinMs);
		if (response.statusCode >= 200 && response.statusCode < 300) {
			const contentType = String(response.headers['content-type'] ?? '')
				.split(';')[0]
				.trim();
			const contentLength = response.headers['content-length'];
			return {
				stream: response.body,
				mimeType: contentType || undefined,
				contentLength: contentLength === undefined ? undefined : String(contentLength),
			};
		}
		const { body } = await readAnswerOf(context, endpoint, response, itemIndex);
		if (response.statusCode === 403 && attempt < ATTEMPTS) {
			await sleepUnlessAborted(FIRST_RETRY_MS * 2 ** (attempt - 1), executionCancelSignal(context));
			continue;
		}
		if (response.statusCode === 403) {
			throw new NodeApiError(
				context.getNode(),
				{ error: `HTTP 403 for ${url}` },
				{
					message: `The CDN refused the download ${ATTEMPTS} times (HTTP 403)`,
					description: `Cloudflare blocked the request. ${retryAdvice(endpoint, route)}; the job itself is complete (see jobid).`,
					httpCode: '403',
					itemIndex,
				},
			);
		}
		throw apiErrorFromResponse(context.getNode(), endpoint, response.statusCode, body, itemIndex);
	}
}
