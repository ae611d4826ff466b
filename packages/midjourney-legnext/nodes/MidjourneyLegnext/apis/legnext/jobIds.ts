import type { JobIdFormat } from '../../engine/JobIdFormat';

/** Legnext's job ids are UUIDs (v4 in every capture): 16 bytes, 22 characters in base64url. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const legnextJobIds: JobIdFormat = {
	longest: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
	pack: (jobId) =>
		UUID.test(jobId)
			? Buffer.from(jobId.replace(/-/g, ''), 'hex').toString('base64url')
			: undefined,
	unpack: (packed) => {
		const hex = Buffer.from(packed, 'base64url').toString('hex');
		return [8, 12, 16, 20].reduceRight((id, at) => `${id.slice(0, at)}-${id.slice(at)}`, hex);
	},
};
