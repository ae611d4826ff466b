import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validate';

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney',
	description: 'The job ID a job operation returned (its jobid field)',
};

export function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		context,
		itemIndex,
		'Job ID',
		context.getNodeParameter('jobId', itemIndex),
		200,
	);
}
