import type { JobIdFormat } from './JobIdFormat';

/**
 * Only the lowercase form packs, the one the APIs write: an id comes back from the ledger
 * exactly as the API wrote it (a callback's id is compared with it).
 */
const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Job ids that are UUIDs (the /v1 profile's `format: uuid`, Legnext's job_id): 16 bytes, 22 characters in base64url. */
export const uuidJobIds: JobIdFormat = {
	longest: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
	pack: (jobId) =>
		LOWERCASE_UUID.test(jobId)
			? Buffer.from(jobId.replace(/-/g, ''), 'hex').toString('base64url')
			: undefined,
	unpack: (packed) => {
		const hex = Buffer.from(packed, 'base64url').toString('hex');
		return [8, 12, 16, 20].reduceRight((id, at) => `${id.slice(0, at)}-${id.slice(at)}`, hex);
	},
};
