import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as listRunning from './listRunning.operation';

export { cancel, get, imagine, listRunning };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a running job',
				description: 'Cancel a running job so its slot is freed (DELETE /jobs/{jobid})',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job',
				description: 'Read a job: status, progress, images, buttons (GET /jobs/{jobid})',
			},
			{
				name: 'Imagine',
				value: 'imagine',
				action: 'Create images or a video from a prompt',
				description: 'Run /imagine with a prompt and wait for the four images (or a video)',
			},
			{
				name: 'List Running',
				value: 'listRunning',
				action: 'List running jobs',
				description: 'List the jobs that are still running, per channel (GET /jobs)',
			},
		],
		default: 'imagine',
	},
	...imagine.description,
	...get.description,
	...listRunning.description,
	...cancel.description,
];
