import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as jobDescription, operations } from './apis/midjourneyV1/actions';
import { midjourneyV1Endpoint } from './apis/midjourneyV1/endpoint';
import { midjourneyV1 } from './apis/midjourneyV1/midjourneyV1';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';
import { nodeRouter } from './actions/router';

const routed = nodeRouter(midjourneyV1, { job: operations });

/**
 * The Midjourney /v1 API: an OpenAPI profile from a third-party catalogue, served at a base URL
 * the user sets. The same engine as the useapi.net MidjourneyV3 node: batches at capacity, Poll / Pause Until Callback / Don't Wait,
 * cancel on abandon, downloads.
 */
export class MidjourneyV1Api implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney /v1 API',
		name: 'midjourneyV1Api',
		icon: {
			light: 'file:../../icons/midjourney-v1.svg',
			dark: 'file:../../icons/midjourney-v1.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Generate Midjourney images through an API that serves the Midjourney /v1 OpenAPI profile, waiting by polling or callback',
		defaults: { name: 'Midjourney /v1 API' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: midjourneyV1Endpoint.credentialType, required: true }],
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
