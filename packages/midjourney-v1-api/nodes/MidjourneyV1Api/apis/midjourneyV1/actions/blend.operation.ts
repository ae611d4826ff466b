import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { blendImagesField, readImage } from '../../../actions/fields/imageSourceFields';
import type { JobFile, JobOperation } from '../../../engine/JobOperation';
import { runJobOperation } from '../../../engine/runJobOperation';
import { inputError, optionalText } from '../../../helpers/validate';
import { aspectRatio } from '../../../prompt/flagValues';
import { v1JobFields } from '../fields';
import type { JobApi } from '../../JobApi';

const properties: INodeProperties[] = [
	blendImagesField,
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'string',
		default: '1:1',
		description: 'Width:height of the blended image, e.g. 1:1, 16:9',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		default: '',
		description: 'Optional text that guides the blend (max 4000 characters)',
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Blend',
	value: 'blend',
	action: 'Blend images',
	description: 'Blend 2–5 images into a new grid (POST /v1/blend)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['blend'] } },
	[...properties, ...v1JobFields({ media: true })],
);

async function blendImages(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<{ images: IDataObject[]; files: JobFile[] }> {
	const chosen = ((context.getNodeParameter('images', itemIndex, {}) as IDataObject).image ??
		[]) as IDataObject[];
	if (chosen.length < 2 || chosen.length > 5) {
		throw inputError(
			context,
			itemIndex,
			`Blend needs 2 to 5 images (got ${chosen.length})`,
			'Add or remove images under Images.',
		);
	}
	const images: IDataObject[] = [];
	const files: JobFile[] = [];
	for (const [index, image] of chosen.entries()) {
		const source = { kind: image.source, url: image.url, binaryProperty: image.binaryProperty };
		const input = await readImage(context, itemIndex, source, `Image ${index + 1}`, 'base64');
		if ('url' in input) images.push({ url: input.url });
		else {
			images.push({});
			files.push({ ...input.file, inlineAt: ['images', index, 'base64'] });
		}
	}
	return { images, files };
}

export const jobOperation: JobOperation = {
	verb: 'blend',
	async buildRequest(itemIndex) {
		const aspect = String(this.getNodeParameter('aspectRatio', itemIndex, '1:1')).trim() || '1:1';
		const problem = aspectRatio(aspect);
		if (problem) {
			throw inputError(
				this,
				itemIndex,
				`Aspect Ratio must be ${problem} (got "${aspect}")`,
				'Fix Aspect Ratio; nothing was sent.',
			);
		}
		const prompt = optionalText(
			this,
			itemIndex,
			'Prompt',
			this.getNodeParameter('prompt', itemIndex, ''),
			4000,
		);
		const { images, files } = await blendImages(this, itemIndex);
		const body: IDataObject = { images, aspect_ratio: aspect };
		if (prompt) body.prompt = prompt;
		return { body, files, jobType: 'image' };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
