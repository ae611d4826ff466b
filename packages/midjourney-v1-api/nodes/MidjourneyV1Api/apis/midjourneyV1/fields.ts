import type { INodeProperties } from 'n8n-workflow';

import {
	binaryOutputField,
	busyRetryOptions,
	downloadField,
	maxDownloadSizeOption,
	pollIntervalOption,
	simplifyField,
	timeoutOption,
} from '../../actions/fields/jobFields';
import { V1_CONCURRENCY } from './midjourneyV1';

/** The /v1 API has no live stream: Poll is the default way to wait. */
const waitModeField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitMode',
	type: 'options',
	noDataExpression: true,
	default: 'poll',
	options: [
		{
			name: 'Poll',
			value: 'poll',
			description:
				'Submit, then read the job until it finishes: every Poll Interval, and at the end its progress predicts',
		},
		{
			name: 'Pause Until Callback',
			value: 'webhook',
			description:
				"Pause this execution (nothing held open; survives restarts) until the API's webhooks report every job finished, then continue with the results",
		},
		{
			name: "Don't Wait",
			value: 'none',
			description:
				'Output the created job right away (set a Webhook URL to the Midjourney /v1 API Trigger to get the result)',
		},
	],
	description: 'How the node waits for Midjourney to finish the job',
};

const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...busyRetryOptions('the API is at its limit'),
		{
			displayName: 'Max Concurrent Jobs',
			name: 'maxConcurrentJobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60 },
			default: 0,
			description: `How many items run at the same time. 0 = ${V1_CONCURRENCY} (the API does not report a limit).`,
		},
		maxDownloadSizeOption,
		pollIntervalOption,
		timeoutOption('Longest time to wait for each job. A job still running then is cancelled.'),
		{
			displayName: 'Webhook Type',
			name: 'replyLevel',
			type: 'options',
			default: 'minimal',
			options: [
				{ name: 'Result', value: 'minimal', description: 'Only when the job completes or fails' },
				{ name: 'Progress', value: 'all', description: 'Every status change' },
			],
			description: 'Which status changes the API POSTs to the Webhook URL',
		},
		{
			displayName: 'Webhook URL',
			name: 'replyUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-n8n/webhook/…',
			description:
				'URL the API POSTs the job to, e.g. a Midjourney /v1 API Trigger URL (max 1024 characters)',
		},
	],
};

/** The fields every /v1 job operation shows after its own. */
export function v1JobFields({ media }: { media: boolean }): INodeProperties[] {
	if (!media) return [waitModeField, simplifyField, optionsField];
	return [waitModeField, simplifyField, downloadField, binaryOutputField, optionsField];
}
