import type { INode } from 'n8n-workflow';

import type { JobApi } from './JobApi';
import type { ApiId } from './nodeApis';
import { apiIdOf } from './nodeApis';
import { midjourneyV1 } from './midjourneyV1/midjourneyV1';
import { useapiV2 } from './useapiV2/useapiV2';
import { useapiV3 } from './useapiV3/useapiV3';

/** The running node's API, as the engine uses it. */
export function jobApiOf(context: { getNode(): INode }): JobApi {
	const apis: Record<ApiId, JobApi> = { useapiV3, midjourneyV1, useapiV2 };
	return apis[apiIdOf(context)];
}
