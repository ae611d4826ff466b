import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { executionCancelSignal } from '../transport/apiRequest';
import { rememberLostSubmit } from './createdJobs';
import type { Deadline } from './Deadline';
import type { PreparedJob } from './JobOperation';
import { maybeCreatedAdvice } from './lostSubmit';
import type { JobRun } from './runJob';
import { submitReference } from './submitReference';

/**
 * Why a lost submit's job is not followed, and where the user can see whether it exists. It
 * replaces the lost submit's own advice, which says the same in fewer words.
 */
function notFound(api: JobApi, failure: NodeApiError, looked: boolean): string {
	const { whereToLook } = api.endpoint.errors;
	const details = (failure.description ?? '').replace(maybeCreatedAdvice(api), '');
	const why = looked
		? 'The node looked among the running jobs for one created by this request and found none: it was not created, or it finished already.'
		: 'The job may or may not have been created, and this API cannot list the jobs a request created, so the node cannot look for it.';
	return `${details.trim()} ${why} The node does not submit again, so it is never paid for twice: ${whereToLook} before running this item again.`.trim();
}

export function replyRefOf(context: IExecuteFunctions, prepared: PreparedJob): string {
	return (prepared.settings.routing.replyRef as string) ?? submitReference(context, prepared);
}

/** A lost answer: find the job among the running ones, or fail saying where to look. */
export async function recoverLostSubmit(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	failure: NodeApiError,
	submittedAt: number,
	deadline: Deadline,
	known: (jobid: string) => void,
): Promise<JobRun> {
	const replyRef = replyRefOf(context, prepared);
	await prepared.submits.othersSettled(executionCancelSignal(context));
	const finder = prepared.api.findSubmitted;
	const found = await finder?.(context, prepared, replyRef, submittedAt, deadline);
	if (!found) {
		rememberLostSubmit(context, prepared, submittedAt);
		failure.description = notFound(prepared.api, failure, !!finder);
		throw failure;
	}
	known(found.jobid);
	return {
		job: await prepared.waiting.followJob({ context, prepared, deadline }, found.jobid, found),
		reusedExisting: false,
	};
}
