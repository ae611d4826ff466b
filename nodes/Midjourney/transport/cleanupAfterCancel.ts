import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiTarget } from '../apis/JobApi';
import { apiRoot, type ApiEndpoint } from './ApiEndpoint';
import { crossOriginRedirectError, sendWithinOrigin } from './redirects';
import { release } from './readStream';
import type { ApiResponse, ByteStream } from './types';

/** A cancel answers at once; a silent server must not hold a stopped execution for long. */
export const CLEANUP_TIMEOUT_MS = 10_000;

/** What it takes to cancel a job once the execution itself has been cancelled. */
export interface CleanupAccess {
	endpoint: ApiEndpoint;
	apiUrl: string;
	authorization: string;
}

/**
 * Read while the execution is still alive. Once the user stops an execution, n8n attaches the
 * (aborted) execution cancel signal to every request made through httpRequestWithAuthentication,
 * so those fail before reaching the network, yet the job's slot must still be freed.
 */
export async function prepareCleanupAccess(
	this: IExecuteFunctions,
	endpoint: ApiEndpoint,
): Promise<CleanupAccess> {
	const credentials = await this.getCredentials<{ apiToken: string; baseUrl?: string }>(
		endpoint.credentialType,
	);
	return {
		endpoint,
		apiUrl: `${apiRoot(endpoint, credentials.baseUrl) ?? ''}${endpoint.prefix}`,
		authorization: `Bearer ${credentials.apiToken}`,
	};
}

/** Cancels a job after a cancelled execution. Returns the HTTP status, or the failure. */
export async function cancelJobAfterStop(
	this: IExecuteFunctions,
	access: CleanupAccess,
	cancel: ApiTarget,
): Promise<{ statusCode?: number; failure?: string }> {
	const node = this.getNode();
	try {
		const { response, crossOrigin } = await sendWithinOrigin(
			node,
			access.endpoint,
			{
				method: cancel.method,
				url: `${access.apiUrl}${cancel.path}`,
				qs: cancel.qs,
				headers: { Authorization: access.authorization },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: CLEANUP_TIMEOUT_MS,
				// Only the status matters: the body is never read.
				encoding: 'stream',
			},
			async (request) => (await this.helpers.httpRequest(request)) as ApiResponse,
		);
		if (crossOrigin) {
			return { failure: crossOriginRedirectError(node, access.endpoint, crossOrigin).message };
		}
		await release(response.body as ByteStream);
		return { statusCode: response.statusCode };
	} catch (error) {
		return { failure: (error as Error).message };
	}
}
