import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as jobDescription, operations } from './apis/useapiV2/actions';
import { useapiV2 } from './apis/useapiV2/useapiV2';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';
import { nodeRouter } from './actions/router';

const routed = nodeRouter(useapiV2, { job: operations });

/**
 * useapi.net's legacy Midjourney API v2 (/v2/jobs/imagine), for accounts still set up there. The
 * same engine as the MidjourneyV3 node: batches at capacity, Poll / Pause Until Callback / Don't
 * Wait, downloads; v2 has no stream and cannot cancel a job.
 */
export class MidjourneyLegacy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney v2 (Legacy)',
		name: 'midjourneyLegacy',
		icon: {
			light: 'file:../../icons/midjourney.svg',
			dark: 'file:../../icons/midjourney.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Imagine through useapi.net's legacy Midjourney API v2, for accounts configured there. Prefer the MidjourneyV3 node.",
		defaults: { name: 'Midjourney v2 (Legacy)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'useApiMidjourneyApi', required: true }],
		webhooks: RESUME_WEBHOOKS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Job', value: 'job', description: 'Midjourney jobs of the legacy v2 API' },
				],
				default: 'job',
			},
			...jobDescription,
		],
	};

	execute = routed.execute;

	webhook = routed.webhook;
}
