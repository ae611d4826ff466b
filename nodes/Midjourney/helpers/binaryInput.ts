import { createHash } from 'crypto';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { JobFile } from '../engine/JobOperation';
import { ACCEPTED_FORMATS, imageFormatOf, isImageMimeType, SIGNATURE_BYTES } from './imageSignature';
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

/** The input item's binary field, or an error naming the fields it does have. */
function binaryOf(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	propertyField: string,
	{ need, alternative }: BinaryNeed,
): IBinaryData {
	const item = context.getInputData()[itemIndex];
	if (item?.binary?.[property]) return context.helpers.assertBinaryData(itemIndex, property);
	const available = Object.keys(item?.binary ?? {});
	throw inputError(
		context,
		itemIndex,
		`${need}, but the input item has no binary field "${property}"`,
		available.length > 0
			? `Set ${propertyField} to the field that holds it (the item has: ${available.join(', ')}), or ${alternative}.`
			: `Add a node before this one that outputs the file as binary data (e.g. Read/Write Files from Disk, or HTTP Request with Response Format File), or ${alternative}.`,
	);
}

/** The file's size without reading it: n8n's byte count, its stored metadata, or the base64 length. */
async function byteSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	const padding = binary.data.endsWith('==') ? 2 : binary.data.endsWith('=') ? 1 : 0;
	return Math.floor((binary.data.length * 3) / 4) - padding;
}

/** The file's first bytes, reading no more of it than that. */
async function headOf(context: IExecuteFunctions, binary: IBinaryData): Promise<Buffer> {
	if (!binary.id) return Buffer.from(binary.data.slice(0, 4 * SIGNATURE_BYTES), 'base64');
	const stream = await context.helpers.getBinaryStream(binary.id, SIGNATURE_BYTES);
	try {
		for await (const chunk of stream) return Buffer.from(chunk as Buffer);
		return Buffer.alloc(0);
	} finally {
		stream.destroy();
	}
}

/** Who the file is, for telling a changed item from an earlier try's, without reading it. */
function identityOf(property: string, binary: IBinaryData, size: number): string {
	const content = binary.id ?? createHash('sha256').update(binary.data).digest('hex');
	return `${property}:${size}:${content}`;
}

/**
 * Checks an input binary field (present, within the API's 10 MB, an image by its MIME type and
 * its first bytes) and returns it as a file part that is read only when its job is submitted.
 */
export async function binaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyField: string,
	propertyName: unknown,
	multipartField: string,
	need: BinaryNeed = IMAGE_NEED,
): Promise<JobFile> {
	const property = requireText(context, itemIndex, propertyField, propertyName, 200);
	const binary = binaryOf(context, itemIndex, property, propertyField, need);
	const size = await byteSize(context, binary);
	if (size > IMAGE_MAX_BYTES) {
		throw inputError(
			context,
			itemIndex,
			`The image in "${property}" is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB`,
			'Resize or compress the image before sending it to Midjourney.',
		);
	}
	const format = imageFormatOf(await headOf(context, binary));
	if (!format || !isImageMimeType(binary.mimeType)) {
		throw inputError(
			context,
			itemIndex,
			`The file in "${property}" is not an image (${binary.mimeType || 'no MIME type'}${format ? '' : ', and its first bytes are not an image signature'})`,
			`Give a ${ACCEPTED_FORMATS} image in ${propertyField}, or ${need.alternative}. Nothing was sent.`,
		);
	}
	return {
		field: multipartField,
		fileName: binary.fileName ?? `${property}.${binary.fileExtension ?? 'png'}`,
		mimeType: binary.mimeType ?? 'application/octet-stream',
		identity: identityOf(property, binary, size),
		load: async () => await context.helpers.getBinaryDataBuffer(itemIndex, property),
	};
}
