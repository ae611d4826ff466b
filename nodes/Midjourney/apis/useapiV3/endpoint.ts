import type { ApiEndpoint } from '../../transport/ApiEndpoint';
import { useapiV3Errors } from './errorGuidance';

export const useapiV3Endpoint: ApiEndpoint = {
	credentialType: 'useApiMidjourneyApi',
	credentialName: 'useapi.net API',
	defaultBaseUrl: 'https://api.useapi.net',
	prefix: '/v3/midjourney',
	mediaProxyPath: '/v1/proxy/cdn-midjourney',
	errors: useapiV3Errors,
};
