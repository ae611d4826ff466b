import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { JobFile } from '../../engine/JobOperation';
import { binaryFile } from '../../helpers/binaryInput';
import { inputError, optionalUrl } from '../../helpers/validate';

export const IMAGE_URL_MAX_LENGTH = 2048;

export const imageSourceOptions = [
	{ name: 'Image URL', value: 'url', description: 'A public http(s) URL of the image (max 10 MB)' },
	{
		name: 'Binary File',
		value: 'binary',
		description: "An image in the input item's binary data (max 10 MB)",
	},
];

/** An image given either as a URL (sent as a field) or as an input binary property (a file part). */
export type ImageInput = { url: string } | { file: JobFile };

export async function readImage(
	context: IExecuteFunctions,
	itemIndex: number,
	source: { kind: unknown; url: unknown; binaryProperty: unknown },
	label: string,
	multipartField: string,
): Promise<ImageInput> {
	if (source.kind === 'binary') {
		return {
			file: await binaryFile(
				context,
				itemIndex,
				`${label} Input Data Field Name`,
				source.binaryProperty,
				multipartField,
			),
		};
	}
	const url = optionalUrl(context, itemIndex, `${label} URL`, source.url, IMAGE_URL_MAX_LENGTH);
	if (url === '') {
		throw inputError(
			context,
			itemIndex,
			`${label} URL is empty`,
			`Enter the image URL, or switch the source to Binary File.`,
		);
	}
	return { url };
}

export const describeImageFields: INodeProperties[] = [
	{
		displayName: 'Image Source',
		name: 'imageSource',
		type: 'options',
		options: imageSourceOptions,
		default: 'url',
		description: 'Where the image to describe comes from',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/photo.jpg',
		displayOptions: { show: { imageSource: ['url'] } },
		description: 'Public URL of the image (max 10 MB)',
	},
	{
		displayName: 'Input Data Field Name',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		placeholder: 'e.g. data',
		displayOptions: { show: { imageSource: ['binary'] } },
		hint: 'The name of the input binary field holding the image (max 10 MB)',
	},
];

/** 2 to 5 images, each a URL or an input binary field; the /v1 API's blend takes the same. */
export const blendImagesField: INodeProperties = {
	displayName: 'Images',
	name: 'images',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, maxValue: 5 },
	default: {
		image: [
			{ source: 'url', url: '' },
			{ source: 'url', url: '' },
		],
	},
	placeholder: 'Add Image',
	description:
		'2 to 5 images to blend; each from a URL or a binary field of the input item (max 10 MB each)',
	options: [
		{
			displayName: 'Image',
			name: 'image',
			values: [
				{
					displayName: 'Source',
					name: 'source',
					type: 'options',
					options: imageSourceOptions,
					default: 'url',
				},
				{
					displayName: 'Image URL',
					name: 'url',
					type: 'string',
					default: '',
					displayOptions: { show: { source: ['url'] } },
				},
				{
					displayName: 'Input Data Field Name',
					name: 'binaryProperty',
					type: 'string',
					default: 'data',
					placeholder: 'e.g. data',
					displayOptions: { show: { source: ['binary'] } },
					hint: 'The name of the input binary field holding this image',
				},
			],
		},
	],
};
