import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { useapiV3Endpoint } from './apis/useapiV3/endpoint';
import { useapiV3 } from './apis/useapiV3/useapiV3';
import { CALLBACK_WEBHOOKS, callbackTrigger } from './trigger/callbackTrigger';
import { triggerFields } from './trigger/triggerFields';

const trigger = callbackTrigger(useapiV3);

export class MidjourneyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MidjourneyV3 Trigger',
		name: 'midjourneyTrigger',
		icon: {
			light: 'file:../../icons/midjourney.svg',
			dark: 'file:../../icons/midjourney.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when useapi.net reports a Midjourney job update to this node's URL (the job's or channel's Reply URL)",
		defaults: { name: 'MidjourneyV3 Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: useapiV3Endpoint.credentialType,
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
		],
		webhooks: CALLBACK_WEBHOOKS,
		triggerPanel: {
			header: 'Paste the Test URL as Reply URL of a MidjourneyV3 job, then run that job',
			executionsHelp: {
				inactive:
					'While you build, click "Execute step" (the panel then shows "Listening for test event"), then run a job whose Reply URL is this node\'s Test URL (MidjourneyV3 → Job → Options → Reply URL). The first callback that matches Events and Filters shows up here. Once it works, publish the workflow and use the Production URL instead.',
				active:
					"The workflow is published: every job whose Reply URL is this node's Production URL (per job, or as the channel default in Account → Configure) starts it once per selected event. Those executions show up in the executions list, not here.",
			},
			activationHint:
				'Publish the workflow, then paste the Production URL as Reply URL of your jobs or of your channel (Account → Configure).',
		},
		properties: triggerFields,
	};

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
