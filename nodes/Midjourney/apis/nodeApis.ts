import type { INode } from 'n8n-workflow';

/** Which API a node type talks to, by the last part of its type name. */
export type ApiId = 'useapiV3' | 'midjourneyV1' | 'useapiV2';

const API_OF_NODE_TYPE: Record<string, ApiId> = {
	midjourney: 'useapiV3',
	midjourneyTrigger: 'useapiV3',
	midjourneyOfficial: 'midjourneyV1',
	midjourneyOfficialTrigger: 'midjourneyV1',
	midjourneyLegacy: 'useapiV2',
};

/** The API of the running node; a node type not listed talks to useapi.net v3. */
export function apiIdOf(context: { getNode(): INode }): ApiId {
	const name = context.getNode().type.split('.').pop() ?? '';
	return API_OF_NODE_TYPE[name] ?? 'useapiV3';
}
