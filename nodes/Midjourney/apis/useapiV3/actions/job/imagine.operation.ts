import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobCommonFields } from '../../../../actions/fields/jobFields';
import type { JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';

import { promptParameterFields } from '../../../../actions/fields/promptParameterFields';
import type { JobApi } from '../../../JobApi';
import { promptField, readPrompt } from '../../../../actions/fields/promptField';

export const PROMPT_MAX_LENGTH = 5000;

const properties: INodeProperties[] = [
	promptField(
		'The Midjourney /imagine prompt (max 5000 characters with its parameters). Flags typed here (--ar 16:9, --v 7, --video…) are checked like Prompt Parameters.',
	),
	...promptParameterFields(),
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Imagine',
	value: 'imagine',
	action:
		"Create 4 images or a video from a prompt (spends the user's Midjourney GPU time through useapi.net, about a minute; returns the jobid, image URLs and buttons)",
	description: 'Run /imagine with a prompt and wait for the four images (or a video)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['imagine'] } },
	[...properties, ...jobCommonFields({ media: true })],
);

export const jobOperation: JobOperation = {
	verb: 'imagine',
	checksPrompt: true,
	buildRequest(itemIndex) {
		const { prompt, video, check } = readPrompt(this, itemIndex, PROMPT_MAX_LENGTH);
		return { body: { prompt }, jobType: video ? 'video' : 'image', promptCheck: check };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
