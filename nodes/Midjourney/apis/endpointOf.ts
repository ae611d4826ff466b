import type { INode } from 'n8n-workflow';

import type { ApiEndpoint } from './ApiEndpoint';
import type { ApiId } from './nodeApis';
import { apiIdOf } from './nodeApis';
import { midjourneyV1Endpoint } from './midjourneyV1/endpoint';
import { useapiV2Endpoint } from './useapiV2/endpoint';
import { useapiV3Endpoint } from './useapiV3/endpoint';

const ENDPOINTS: Record<ApiId, ApiEndpoint> = {
	useapiV3: useapiV3Endpoint,
	midjourneyV1: midjourneyV1Endpoint,
	useapiV2: useapiV2Endpoint,
};

/** Where the running node's API lives (the transport's view of it). */
export function endpointOf(context: { getNode(): INode }): ApiEndpoint {
	return ENDPOINTS[apiIdOf(context)];
}
