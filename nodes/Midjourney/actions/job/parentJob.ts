import type { IExecuteFunctions } from 'n8n-workflow';

import { isJob } from '../../engine/job';
import { inputError, requireText } from '../../helpers/validate';
import { apiRequest, isSuccess } from '../../transport/apiRequest';
import { jobPath } from '../../transport/jobPath';

const JOB_ID_PATTERN = /^j\d+[a-z]?-u\d+-c\d+-bot:midjourney$/;

/** A parent job ID (for buttons and seed), checked for the v3 format before any request. */
export function readParentJobId(context: IExecuteFunctions, itemIndex: number): string {
	const jobId = requireText(
		context,
		itemIndex,
		'Job ID',
		context.getNodeParameter('jobId', itemIndex),
		200,
	);
	if (!JOB_ID_PATTERN.test(jobId)) {
		throw inputError(
			context,
			itemIndex,
			`Job ID "${jobId.slice(0, 80)}" is not a Midjourney v3 job ID`,
			'Use the jobid of a completed imagine or button job, e.g. j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney.',
		);
	}
	return jobId;
}

/**
 * The child job an execute-once press (U1–U4, seed) already created on the parent, read from
 * the parent's response.executeOnce; undefined when there is none yet (or the parent is unreadable,
 * in which case the submit itself reports the problem).
 */
export async function existingChildJob(
	context: IExecuteFunctions,
	parentJobId: string,
	key: string,
	itemIndex: number,
): Promise<string | undefined> {
	const parent = await apiRequest.call(context, 'GET', jobPath(parentJobId), {}, itemIndex);
	if (!isSuccess(parent.statusCode) || !isJob(parent.body)) return undefined;
	const existing = (parent.body.response?.executeOnce as Record<string, unknown> | undefined)?.[
		key
	];
	return typeof existing === 'string' ? existing : undefined;
}
