import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../../../engine/job';
import { jobCommonFields } from '../../../../actions/fields/jobFields';
import type { JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';
import { describeImageFields, readImage } from '../../../../actions/fields/imageSourceFields';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Describe',
	value: 'describe',
	action: 'Describe an image',
	description: 'Get four prompts Midjourney suggests for an image (URL or binary)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['describe'] } },
	[...describeImageFields, ...jobCommonFields({ media: false })],
);

/** The four prompts Midjourney suggests, from the embed text "1️⃣ … 2️⃣ … 3️⃣ … 4️⃣ …". */
export function suggestedPrompts(job: Job): string[] {
	const embeds = (job.response?.embeds ?? []) as Array<{ description?: string }>;
	const text =
		embeds.map((embed) => embed.description ?? '').join('\n') || job.response?.content || '';
	return text
		.split(/[1-4]\uFE0F?\u20E3/u)
		.map((part) => part.replace(/\s+/g, ' ').trim())
		.filter((part) => part.length > 0);
}

export const jobOperation: JobOperation = {
	verb: 'describe',
	async buildRequest(itemIndex) {
		const image = await readImage(
			this,
			itemIndex,
			{
				kind: this.getNodeParameter('imageSource', itemIndex),
				url: this.getNodeParameter('imageUrl', itemIndex, ''),
				binaryProperty: this.getNodeParameter('binaryProperty', itemIndex, 'data'),
			},
			'Image',
			'imageBlob',
		);
		return 'url' in image ? { body: { imageUrl: image.url } } : { body: {}, files: [image.file] };
	},
	summarize(job): IDataObject {
		return { prompts: suggestedPrompts(job) };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
