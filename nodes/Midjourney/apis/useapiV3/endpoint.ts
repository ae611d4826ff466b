import type { ApiEndpoint } from '../ApiEndpoint';

export const useapiV3Endpoint: ApiEndpoint = {
	credentialType: 'useApiMidjourneyApi',
	defaultBaseUrl: 'https://api.useapi.net',
	prefix: '/v3/midjourney',
};
