import type { INodeProperties } from 'n8n-workflow';

import * as blend from './blend.operation';
import * as button from './button.operation';
import * as cancel from './cancel.operation';
import * as describe from './describe.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as listRunning from './listRunning.operation';
import * as seed from './seed.operation';

export { blend, button, cancel, describe, get, imagine, listRunning, seed };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Blend',
				value: 'blend',
				action: 'Blend images',
				description: 'Blend 2–5 images (URLs or binary) into a new image grid',
			},
			{
				name: 'Button',
				value: 'button',
				action: 'Press a button on a job',
				description: 'Upscale (U1–U4), vary, zoom, pan, reroll, animate… a completed job',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a running job',
				description: 'Cancel a running job so its slot is freed (DELETE /jobs/{jobid})',
			},
			{
				name: 'Describe',
				value: 'describe',
				action: 'Describe an image',
				description: 'Get four prompts Midjourney suggests for an image (URL or binary)',
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
			{
				name: 'Seed',
				value: 'seed',
				action: 'Get the seed of a job',
				description: 'Retrieve the seed of a completed image job, with its four separate images',
			},
		],
		default: 'imagine',
	},
	...imagine.description,
	...button.description,
	...describe.description,
	...blend.description,
	...seed.description,
	...get.description,
	...listRunning.description,
	...cancel.description,
];
