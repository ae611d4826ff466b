import type { IExecuteFunctions } from 'n8n-workflow';

import type { JobFile } from '../engine/JobOperation';
import { inputError, requireText } from './validate';

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** What a missing binary input is for, so its error can say what the operation needs. */
export interface BinaryNeed {
	/** e.g. "Vary (Region) needs a mask image". */
	need: string;
	/** The other way to give it, e.g. "switch Mask Source to Base64 Text". */
	alternative: string;
}

const IMAGE_NEED: BinaryNeed = {
	need: 'This operation needs an image',
	alternative: 'switch the source to Image URL',
};

/** Reads an input binary field as a multipart file part, checking the API's 10 MB limit first. */
export async function binaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyField: string,
	propertyName: unknown,
	multipartField: string,
	{ need, alternative }: BinaryNeed = IMAGE_NEED,
): Promise<JobFile> {
	const property = requireText(context, itemIndex, propertyField, propertyName, 200);
	const items = context.getInputData();
	if (!items[itemIndex]?.binary?.[property]) {
		const available = Object.keys(items[itemIndex]?.binary ?? {});
		throw inputError(
			context,
			itemIndex,
			`${need}, but the input item has no binary field "${property}"`,
			available.length > 0
				? `Set ${propertyField} to the field that holds it (the item has: ${available.join(', ')}), or ${alternative}.`
				: `Add a node before this one that outputs the file as binary data (e.g. Read/Write Files from Disk, or HTTP Request with Response Format File), or ${alternative}.`,
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
