import type { ApiEndpoint } from '../../transport/ApiEndpoint';
import { midjourneyV1Errors } from './errorGuidance';

export const midjourneyV1Endpoint: ApiEndpoint = {
	credentialType: 'midjourneyV1ProfileApi',
	credentialName: 'Midjourney OpenAPI Profile API',
	prefix: '/v1',
	errors: midjourneyV1Errors,
};
