import type { INode } from 'n8n-workflow';

import type { ErrorGuidance } from './ErrorGuidance';
import type { ApiId } from './nodeApis';
import { apiIdOf } from './nodeApis';
import { midjourneyV1Errors } from './midjourneyV1/errorGuidance';
import { useapiV2Errors } from './useapiV2/errorGuidance';
import { useapiV3Errors } from './useapiV3/errorGuidance';

const GUIDANCE: Record<ApiId, ErrorGuidance> = {
	useapiV3: useapiV3Errors,
	midjourneyV1: midjourneyV1Errors,
	useapiV2: useapiV2Errors,
};

/** How the errors of the node's API are explained. */
export function errorGuidanceOf(node: INode): ErrorGuidance {
	return GUIDANCE[apiIdOf({ getNode: () => node })];
}
