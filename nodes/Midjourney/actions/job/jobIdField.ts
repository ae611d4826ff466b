import type { INodeProperties } from 'n8n-workflow';

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney',
	description: 'The job ID a job operation returned (its jobid field)',
};
