import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { EXAMPLE_JOB_ID, isJobId } from '../../jobId';
import { inputError, requireText } from '../../../../helpers/validate';

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: EXAMPLE_JOB_ID,
	description: 'The job ID a job operation returned (its jobid field)',
};

/**
 * The Job ID parameter, checked for the v3 format before any request, so a typo or a wrong
 * field in an expression gets a fix here rather than a 404 from the API.
 */
export function readJobId(
	context: IExecuteFunctions,
	itemIndex: number,
	whichJob = 'the jobid output by a MidjourneyV3 job operation or Job → List Running',
): string {
	const jobId = requireText(
		context,
		itemIndex,
		'Job ID',
		context.getNodeParameter('jobId', itemIndex),
		200,
	);
	if (!isJobId(jobId)) {
		throw inputError(
			context,
			itemIndex,
			`Job ID "${jobId.slice(0, 80)}" is not a Midjourney v3 job ID`,
			`Use ${whichJob}, e.g. ${EXAMPLE_JOB_ID}. If it comes from an expression, check that the expression points at the jobid field.`,
		);
	}
	return jobId;
}
