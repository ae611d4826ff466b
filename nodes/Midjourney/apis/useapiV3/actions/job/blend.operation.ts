import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobCommonFields } from '../../../../actions/fields/jobFields';
import type { JobFile, JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';
import { inputError } from '../../../../helpers/validate';
import { blendImagesField, readImage } from '../../../../actions/fields/imageSourceFields';
import type { JobApi } from '../../../JobApi';

const properties: INodeProperties[] = [
	blendImagesField,
	{
		displayName: 'Dimensions',
		name: 'blendDimensions',
		type: 'options',
		default: 'Square',
		options: [
			{ name: 'Landscape', value: 'Landscape' },
			{ name: 'Portrait', value: 'Portrait' },
			{ name: 'Square', value: 'Square' },
		],
		description: 'Aspect of the blended image',
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Blend',
	value: 'blend',
	action: 'Blend images',
	description: 'Blend 2–5 images (URLs or binary) into a new image grid',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['blend'] } },
	[...properties, ...jobCommonFields({ media: true })],
);

export const jobOperation: JobOperation = {
	verb: 'blend',
	async buildRequest(itemIndex) {
		const images = ((this.getNodeParameter('images', itemIndex, {}) as IDataObject).image ??
			[]) as IDataObject[];
		if (images.length < 2 || images.length > 5) {
			throw inputError(
				this,
				itemIndex,
				`Blend needs 2 to 5 images (got ${images.length})`,
				'Add or remove images under Images.',
			);
		}
		// Numbered fields imageUrl_N / imageBlob_N: one source per number, never both.
		const body: IDataObject = {
			blendDimensions: this.getNodeParameter('blendDimensions', itemIndex, 'Square'),
		};
		const files: JobFile[] = [];
		for (const [index, image] of images.entries()) {
			const number = index + 1;
			const input = await readImage(
				this,
				itemIndex,
				{ kind: image.source, url: image.url, binaryProperty: image.binaryProperty },
				`Image ${number}`,
				`imageBlob_${number}`,
			);
			if ('url' in input) body[`imageUrl_${number}`] = input.url;
			else files.push(input.file);
		}
		return { body, files, jobType: 'image' };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
