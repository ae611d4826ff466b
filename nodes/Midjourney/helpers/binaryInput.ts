import type { IExecuteFunctions } from 'n8n-workflow';

import type { JobFile } from '../engine/JobOperation';
import { inputError, requireText } from './validate';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Reads an input binary property as a multipart file part, checking the API's 10 MB limit first. */
export async function binaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyField: string,
	propertyName: unknown,
	multipartField: string,
): Promise<JobFile> {
	const property = requireText(context, itemIndex, propertyField, propertyName, 200);
	const items = context.getInputData();
	if (!items[itemIndex]?.binary?.[property]) {
		const available = Object.keys(items[itemIndex]?.binary ?? {});
		throw inputError(
			context,
			itemIndex,
			`The input item has no binary property "${property}"`,
			available.length > 0
				? `Set ${propertyField} to one of: ${available.join(', ')}.`
				: `Add a node before this one that outputs the image as binary data (e.g. HTTP Request with Response Format File, or Read/Write Files from Disk), or use an image URL instead.`,
		);
	}
	const metadata = context.helpers.assertBinaryData(itemIndex, property);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length > IMAGE_MAX_BYTES) {
		throw inputError(
			context,
			itemIndex,
			`The image in "${property}" is ${(data.length / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB`,
			'Resize or compress the image before sending it to Midjourney.',
		);
	}
	return {
		field: multipartField,
		data,
		fileName: metadata.fileName ?? `${property}.${metadata.fileExtension ?? 'png'}`,
		mimeType: metadata.mimeType ?? 'application/octet-stream',
	};
}
