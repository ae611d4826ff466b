import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as jobDescription, operations } from './apis/midjourneyV1/actions';
import { midjourneyV1 } from './apis/midjourneyV1/midjourneyV1';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';
import { nodeRouter } from './actions/router';

const routed = nodeRouter(midjourneyV1, { job: operations });

/**
 * The Midjourney Image Generation API /v1 (the official API, an Enterprise key). The same engine
 * as the MidjourneyV3 node: batches at capacity, Poll / Pause Until Callback / Don't Wait,
 * cancel on abandon, downloads.
 */
export class MidjourneyOfficial implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney Official',
		name: 'midjourneyOfficial',
		icon: {
			light: 'file:../../icons/midjourney.svg',
			dark: 'file:../../icons/midjourney.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Generate Midjourney images through the official Midjourney Image Generation API (/v1), waiting by polling or callback',
		defaults: { name: 'Midjourney Official' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'midjourneyOfficialApi', required: true }],
		webhooks: RESUME_WEBHOOKS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Job', value: 'job', description: 'Midjourney jobs of the /v1 API' }],
				default: 'job',
			},
			...jobDescription,
		],
	};

	execute = routed.execute;

	webhook = routed.webhook;
}
