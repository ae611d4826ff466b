import type { ApiEndpoint } from '../ApiEndpoint';

export const midjourneyV1Endpoint: ApiEndpoint = {
	credentialType: 'midjourneyOfficialApi',
	credentialName: 'Midjourney Official API',
	defaultBaseUrl: 'https://api.midjourney.com',
	prefix: '/v1',
};
