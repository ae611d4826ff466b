import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { legnextEndpoint } from './apis/legnext/endpoint';
import { legnext } from './apis/legnext/legnext';
import { legnextTriggerFields } from './apis/legnext/triggerFields';
import { CALLBACK_WEBHOOKS, callbackTrigger } from './trigger/callbackTrigger';

const trigger = callbackTrigger(legnext);

/**
 * Starts workflows from Legnext's task callbacks: each one is read back from Legnext with the
 * API key (callbacks are unsigned), filtered, and started once per job and status.
 */
export class MidjourneyLegnextTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney (Legnext) Trigger',
		name: 'midjourneyLegnextTrigger',
		icon: {
			light: 'file:../../icons/midjourney-legnext.svg',
			dark: 'file:../../icons/midjourney-legnext.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when Legnext reports a job to this node's URL (the job's Callback URL)",
		defaults: { name: 'Midjourney (Legnext) Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: legnextEndpoint.credentialType, required: true }],
		webhooks: CALLBACK_WEBHOOKS,
		triggerPanel: {
			header: 'Set the Test URL as Callback URL of a Midjourney (Legnext) job, then run that job',
			executionsHelp: {
				inactive:
					'While you build, click "Execute step", then run a job whose Callback URL is this node\'s Test URL (Midjourney (Legnext) → Options → Callback URL). The first verified callback that matches Events and Filters shows up here. Once it works, publish the workflow and use the Production URL instead.',
				active:
					"The workflow is published: every job whose Callback URL is this node's Production URL starts it once per selected event.",
			},
			activationHint:
				'Publish the workflow, then set the Production URL as Callback URL of your jobs.',
		},
		properties: legnextTriggerFields,
	};

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
