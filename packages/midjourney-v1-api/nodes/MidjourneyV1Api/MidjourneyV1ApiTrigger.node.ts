import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { midjourneyV1Endpoint } from './apis/midjourneyV1/endpoint';
import { v1TriggerFields } from './apis/midjourneyV1/triggerFields';
import { midjourneyV1 } from './apis/midjourneyV1/midjourneyV1';
import { CALLBACK_WEBHOOKS, callbackTrigger } from './trigger/callbackTrigger';

const trigger = callbackTrigger(midjourneyV1);

/**
 * Starts workflows from the Midjourney /v1 API's webhooks (webhook_url), the same steps as the
 * useapi.net MidjourneyV3 Trigger: checked, verified by reading the job back, filtered, started once per event.
 */
export class MidjourneyV1ApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney /v1 API Trigger',
		name: 'midjourneyV1ApiTrigger',
		icon: {
			light: 'file:../../icons/midjourney-v1.svg',
			dark: 'file:../../icons/midjourney-v1.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when the Midjourney /v1 API reports a job update to this node's URL (the job's Webhook URL)",
		defaults: { name: 'Midjourney /v1 API Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: midjourneyV1Endpoint.credentialType,
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
		],
		webhooks: CALLBACK_WEBHOOKS,
		triggerPanel: {
			header: 'Set the Test URL as Webhook URL of a Midjourney /v1 API job, then run that job',
			executionsHelp: {
				inactive:
					'While you build, click "Execute step", then run a job whose Webhook URL is this node\'s Test URL (Midjourney /v1 API → Options → Webhook URL). The first callback that matches Events and Filters shows up here. Once it works, publish the workflow and use the Production URL instead.',
				active:
					"The workflow is published: every job whose Webhook URL is this node's Production URL starts it once per selected event.",
			},
			activationHint:
				'Publish the workflow, then set the Production URL as Webhook URL of your jobs.',
		},
		properties: v1TriggerFields,
	};

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
