/**
 * Binary data kept in n8n's filesystem or S3 store (N8N_DEFAULT_BINARY_DATA_MODE=filesystem):
 * the check reads the size from the store's metadata and only the first bytes of the file, and
 * the file itself is read when the job is submitted. The harness keeps binary data in memory,
 * so this path is driven with a context that has only what binaryFile uses.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { binaryFile } from '../nodes/Midjourney/helpers/binaryInput';

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function storedFile(head: Buffer, mimeType: string, fileSize = 5_000_000) {
	const reads = { chunks: 0, buffers: 0 };
	/** What binaryFile uses of the Readable n8n returns: iteration and destroy(). */
	const stream = {
		destroyed: false,
		destroy() {
			this.destroyed = true;
		},
		async *[Symbol.asyncIterator]() {
			for (; reads.chunks < 100 && !this.destroyed; ) {
				reads.chunks++;
				yield reads.chunks === 1 ? head : Buffer.alloc(64 * 1024);
			}
		},
	};
	const binary = { data: 'filesystem-v2', id: 'filesystem-v2:abc', mimeType, fileName: 'x' };
	const context = {
		getNode: () => ({ name: 'MidjourneyV3' }),
		getInputData: () => [{ json: {}, binary: { data: binary } }],
		helpers: {
			assertBinaryData: () => binary,
			getBinaryMetadata: async () => ({ fileSize }),
			getBinaryStream: async () => stream,
			getBinaryDataBuffer: async () => {
				reads.buffers++;
				return Buffer.concat([head, Buffer.alloc(10)]);
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, reads, stream };
}

describe('an input image in n8n binary storage', () => {
	it('is checked from its metadata and first bytes, and read only when loaded', async () => {
		const { context, reads, stream } = storedFile(PNG_HEAD, 'image/png');
		const file = await binaryFile(context, 0, 'Input Data Field Name', 'data', 'imageBlob');
		expect(reads.buffers).toBe(0);
		expect(reads.chunks).toBeLessThanOrEqual(2);
		expect(stream.destroyed).toBe(true);
		expect((await file.load()).subarray(0, 8)).toEqual(PNG_HEAD.subarray(0, 8));
		expect(reads.buffers).toBe(1);
	});

	it('a stored PDF is refused without reading it', async () => {
		const { context, reads } = storedFile(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf');
		await expect(
			binaryFile(context, 0, 'Input Data Field Name', 'data', 'imageBlob'),
		).rejects.toThrow(/is not an image/);
		expect(reads.buffers).toBe(0);
	});

	it('a stored file over 10 MB is refused by its metadata', async () => {
		const { context, reads } = storedFile(PNG_HEAD, 'image/png', 11 * 1024 * 1024);
		await expect(
			binaryFile(context, 0, 'Input Data Field Name', 'data', 'imageBlob'),
		).rejects.toThrow(/11\.0 MB; the limit is 10 MB/);
		expect(reads.buffers + reads.chunks).toBe(0);
	});
});
