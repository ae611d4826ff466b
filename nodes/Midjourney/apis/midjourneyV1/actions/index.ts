import type { INodeProperties } from 'n8n-workflow';

import * as blend from './blend.operation';
import * as cancel from './cancel.operation';
import * as describe from './describe.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as list from './list.operation';
import * as upscale from './upscale.operation';
import * as variations from './variations.operation';

/** The operations of the /v1 node's only resource, Job: one per endpoint of the API. */
export const operations = { blend, cancel, describe, get, imagine, list, upscale, variations };

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
				description: 'Blend 2–5 images into a new grid (POST /v1/blend)',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a job',
				description: 'Cancel a pending or running job (POST /v1/jobs/{jobId}/cancel)',
			},
			{
				name: 'Describe',
				value: 'describe',
				action: 'Describe an image',
				description: 'Get prompts Midjourney suggests for an image (POST /v1/describe)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a job',
				description: 'Read a job: status, progress, images (GET /v1/jobs/{jobId})',
			},
			{
				name: 'Imagine',
				value: 'imagine',
				action: 'Create images from a prompt',
				description: 'Generate a grid of four images (POST /v1/imagine)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List jobs',
				description: 'List jobs, filtered by status (GET /v1/jobs)',
			},
			{
				name: 'Upscale',
				value: 'upscale',
				action: 'Upscale an image',
				description: 'Upscale one image of a grid (POST /v1/upscale)',
			},
			{
				name: 'Variations',
				value: 'variations',
				action: 'Vary an image',
				description: 'Four variations of one image of a grid (POST /v1/variations)',
			},
		],
		default: 'imagine',
	},
	...blend.description,
	...cancel.description,
	...describe.description,
	...get.description,
	...imagine.description,
	...list.description,
	...upscale.description,
	...variations.description,
];
