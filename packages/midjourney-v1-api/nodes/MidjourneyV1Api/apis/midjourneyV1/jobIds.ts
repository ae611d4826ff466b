import type { JobIdFormat } from '../../engine/JobIdFormat';

/** The /v1 API's job ids are UUIDs (`format: uuid`): 16 bytes, 22 characters in base64url. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const v1JobIds: JobIdFormat = {
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
