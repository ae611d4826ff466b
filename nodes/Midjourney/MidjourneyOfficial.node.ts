import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { description as jobDescription } from './apis/midjourneyV1/actions';
import { v1JobOperationFor, v1Router } from './apis/midjourneyV1/router';
import { resumeFromCallback } from './engine/resumeFromCallback';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';

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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await v1Router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const operation = this.getNodeParameter('operation', '') as string;
		const jobOperation = v1JobOperationFor(operation);
		if (!jobOperation) {
			throw new NodeOperationError(this.getNode(), `${operation} does not wait for callbacks`);
		}
		return await resumeFromCallback(this, jobOperation);
	}
}
