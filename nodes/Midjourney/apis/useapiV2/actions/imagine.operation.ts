import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptParameterFields } from '../../../actions/fields/promptParameterFields';
import type { JobOperation } from '../../../engine/JobOperation';
import { runJobOperation } from '../../../engine/runJobOperation';
import { integerInRange } from '../../../helpers/validate';
import { accountsNotice, MAX_JOBS_LIMIT, v2JobFields } from '../fields';
import { gridUrl } from '../toJob';
import type { JobApi } from '../../JobApi';
import { promptField, readPrompt } from '../../../actions/fields/promptField';

/** The document: "Maximum length 2048 characters". */
const PROMPT_MAX_LENGTH = 2048;

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Imagine',
	value: 'imagine',
	action:
		"Create 4 images from a prompt (spends the user's Midjourney GPU time through useapi.net, about a minute; returns the jobid, image URLs and buttons)",
	description: 'Generate a grid of four images (POST /v2/jobs/imagine)',
};

const properties: INodeProperties[] = [
	accountsNotice,
	promptField(
		'The Midjourney /imagine prompt (max 2048 characters with its parameters). Flags typed here (--ar 16:9, --v 7…) are checked like Prompt Parameters.',
	),
	...promptParameterFields(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['imagine'] } },
	[...properties, ...v2JobFields],
);

/** Options → Max Jobs, when set: a whole number from 1 to 15, sent as maxJobs. */
function maxJobsOf(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = options.maxJobs;
	if (value === undefined || value === null || value === '') return {};
	const maxJobs = integerInRange(context, itemIndex, 'Max Jobs', value, 1, MAX_JOBS_LIMIT);
	return { maxJobs };
}

export const jobOperation: JobOperation = {
	verb: 'imagine',
	checksPrompt: true,
	buildRequest(itemIndex) {
		const { prompt, check } = readPrompt(this, itemIndex, PROMPT_MAX_LENGTH);
		const body = { prompt, ...maxJobsOf(this, itemIndex) };
		return { body, jobType: 'image', promptCheck: check };
	},
	summarize: gridUrl,
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
