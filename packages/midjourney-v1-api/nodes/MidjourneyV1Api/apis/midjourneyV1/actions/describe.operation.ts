import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { describeImageFields, readImage } from '../../../actions/fields/imageSourceFields';
import type { JobOperation } from '../../../engine/JobOperation';
import { runJobOperation } from '../../../engine/runJobOperation';
import { v1JobFields } from '../fields';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Describe',
	value: 'describe',
	action: 'Describe an image',
	description: 'Get prompts Midjourney suggests for an image (POST /v1/describe)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['describe'] } },
	[...describeImageFields, ...v1JobFields({ media: false })],
);

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
			'image_base64',
		);
		if ('url' in image) return { body: { image_url: image.url } };
		return { body: {}, files: [{ ...image.file, inlineAt: ['image_base64'] }] };
	},
	summarize(job): IDataObject {
		return { prompts: (job.response?.prompts as string[] | undefined) ?? [] };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
