import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './apis/useapiV3/actions/account';
import * as job from './apis/useapiV3/actions/job';
import * as media from './apis/useapiV3/actions/media';
import * as settings from './apis/useapiV3/actions/settings';
import { resources } from './apis/useapiV3/actions/resources';
import { nodeRouter } from './actions/router';
import { useapiV3 } from './apis/useapiV3/useapiV3';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';
import { getChannels, getChannelsOrAny } from './apis/useapiV3/methods/loadOptions';

const routed = nodeRouter(useapiV3, resources);

export class Midjourney implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MidjourneyV3',
		name: 'midjourney',
		icon: {
			light: 'file:../../icons/midjourney.svg',
			dark: 'file:../../icons/midjourney.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Generate Midjourney images and videos through the useapi.net Midjourney API v3, waiting by live stream, polling or callback',
		defaults: { name: 'MidjourneyV3' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'useApiMidjourneyApi', required: true },
			{
				// The Discord token is a credential so that n8n encrypts it and keeps it out of workflows.
				name: 'useApiMidjourneyDiscordApi',
				required: true,
				displayOptions: { show: { resource: ['account'], operation: ['configure'] } },
			},
		],
		webhooks: RESUME_WEBHOOKS,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Account',
						value: 'account',
						description: 'Midjourney Discord channels configured in useapi.net',
					},
					{
						name: 'Job',
						value: 'job',
						description:
							'Midjourney jobs: imagine, buttons, describe, blend, seed, read, list, cancel',
					},
					{
						name: 'Media',
						value: 'media',
						description: 'Download job images and videos as binary data',
					},
					{
						name: 'Setting',
						value: 'settings',
						description:
							'Midjourney account settings: /settings, /info, fast, relax, turbo, remix, variability',
					},
				],
				default: 'job',
			},
			...account.description,
			...job.description,
			...settings.description,
			...media.description,
		],
	};

	methods = { loadOptions: { getChannels, getChannelsOrAny } };

	execute = routed.execute;

	webhook = routed.webhook;
}
