import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import type { PreparedJob } from './JobOperation';

/** A submit without a (complete) answer: the job may exist, and it is never submitted again. */
export function maybeCreatedAdvice(api: JobApi): string {
	const { whereToLook } = api.endpoint.errors;
	return `The job may or may not have been created. The node does not submit it again, so it is never paid for twice: ${whereToLook} before running this item again.`;
}

/**
 * Submits whose answer was lost after the request went out (502/504, a reset, a timeout, a cut
 * body): the API may have created the job. Never resubmitted; the caller looks for the job.
 */
const lostSubmits = new WeakSet<NodeApiError>();

export function asLostSubmit(failure: NodeApiError): NodeApiError {
	lostSubmits.add(failure);
	return failure;
}

export function isLostSubmit(error: unknown): error is NodeApiError {
	return error instanceof NodeApiError && lostSubmits.has(error);
}

export function lostSubmitError(context: IExecuteFunctions, prepared: PreparedJob, why: string) {
	const { api, itemIndex } = prepared;
	return new NodeApiError(
		context.getNode(),
		{ error: why },
		{
			message: `The connection to ${api.name} ended before it confirmed the job (${why})`,
			description: maybeCreatedAdvice(api),
			itemIndex,
		},
	);
}
