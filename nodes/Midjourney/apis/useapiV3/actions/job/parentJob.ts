import type { IExecuteFunctions } from 'n8n-workflow';

import { isJob } from '../../../../engine/job';
import { apiRequest, isSuccess } from '../../../../transport/apiRequest';
import { jobPath } from '../../jobPath';
import { readJobId } from './jobIdField';
import type { JobApi } from '../../../JobApi';

/** A parent job ID (for buttons and seed), checked for the v3 format before any request. */
export function readParentJobId(context: IExecuteFunctions, itemIndex: number): string {
	return readJobId(context, itemIndex, 'the jobid of a completed imagine or button job');
}

/**
 * The child job an execute-once press (U1–U4, seed) already created on the parent, read from
 * the parent's response.executeOnce; undefined when there is none yet (or the parent is unreadable,
 * in which case the submit itself reports the problem).
 */
export async function existingChildJob(
	context: IExecuteFunctions,
	{ endpoint }: JobApi,
	parentJobId: string,
	key: string,
	itemIndex: number,
): Promise<string | undefined> {
	const parent = await apiRequest.call(
		context,
		endpoint,
		'GET',
		jobPath(parentJobId),
		{},
		itemIndex,
	);
	if (!isSuccess(parent.statusCode) || !isJob(parent.body)) return undefined;
	const existing = (parent.body.response?.executeOnce as Record<string, unknown> | undefined)?.[
		key
	];
	return typeof existing === 'string' ? existing : undefined;
}
