import type { INode } from 'n8n-workflow';

import type { JobApi } from './JobApi';
import type { ApiId } from './nodeApis';
import { apiIdOf } from './nodeApis';
import { useapiV3 } from './useapiV3/useapiV3';

/** The running node's API, as the engine uses it. */
export function jobApiOf(context: { getNode(): INode }): JobApi {
	const apis: Record<ApiId, JobApi> = { useapiV3 };
	return apis[apiIdOf(context)];
}
