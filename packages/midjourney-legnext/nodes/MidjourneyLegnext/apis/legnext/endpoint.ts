import type { ApiEndpoint } from '../../transport/ApiEndpoint';
import { legnextErrors } from './errorGuidance';

/** Legnext: https://api.legnext.ai, task endpoints under /api/v1, the account under /api/account. */
export const legnextEndpoint: ApiEndpoint = {
	credentialType: 'midjourneyLegnextApi',
	credentialName: 'Midjourney (Legnext) API',
	defaultBaseUrl: 'https://api.legnext.ai',
	prefix: '/api',
	errors: legnextErrors,
};
