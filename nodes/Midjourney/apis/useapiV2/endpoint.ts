import type { ApiEndpoint } from '../../transport/ApiEndpoint';
import { useapiV2Errors } from './errorGuidance';

/** The legacy v2 API: the same host and credential (an API token) as v3, below /v2. */
export const useapiV2Endpoint: ApiEndpoint = {
	credentialType: 'useApiMidjourneyApi',
	credentialName: 'useapi.net API',
	defaultBaseUrl: 'https://api.useapi.net',
	prefix: '/v2',
	errors: useapiV2Errors,
};
