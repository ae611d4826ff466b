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
import { LEGNEXT_CONCURRENCY } from './legnext';

/** Legnext has no live stream: Poll is the default way to wait. */
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
			description: 'Submit, then read the job (free) until it finishes, every Poll Interval',
		},
		{
			name: 'Pause Until Callback',
			value: 'webhook',
			description:
				"Pause this execution (nothing held open; survives restarts) until Legnext's callbacks report every job finished; each callback is checked by reading the job with the API key",
		},
		{
			name: "Don't Wait",
			value: 'none',
			description:
				'Output the created job right away (set a Callback URL to the Midjourney (Legnext) Trigger to get the result)',
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
		...busyRetryOptions('Legnext is at its limit'),
		{
			displayName: 'Callback URL',
			name: 'replyUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-n8n/webhook/…/callback',
			description:
				"URL Legnext POSTs the job to (the task's callback), e.g. a Midjourney (Legnext) Trigger URL. Pause Until Callback sets its own.",
		},
		{
			displayName: 'Max Concurrent Jobs',
			name: 'maxConcurrentJobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60 },
			default: 0,
			description: `How many items run at the same time. 0 = ${LEGNEXT_CONCURRENCY} (a standard Legnext account's limit); 429s beyond the limit are waited out.`,
		},
		maxDownloadSizeOption,
		pollIntervalOption,
		timeoutOption(
			'Longest time to wait for each job. Legnext cannot cancel a job: one still running then keeps running and is charged.',
		),
	],
};

/** Legnext's result URLs expire (facts sheet §10): the files are fetched into n8n by default. */
const downloadAsBinary: INodeProperties = { ...downloadField, default: 'gridAndSingles' };

/** The fields every Legnext job operation shows after its own. */
export function legnextJobFields({ media }: { media: boolean }): INodeProperties[] {
	if (!media) return [waitModeField, simplifyField, optionsField];
	return [waitModeField, simplifyField, downloadAsBinary, binaryOutputField, optionsField];
}

/** An image of a grid: Legnext counts 0–3, the panel shows 1–4 as Midjourney's buttons do. */
export function imageNumberField(description = 'Which image of the grid'): INodeProperties {
	return {
		displayName: 'Image',
		name: 'imageNo',
		type: 'options',
		default: 0,
		options: [
			{ name: '1 (Top Left)', value: 0 },
			{ name: '2 (Top Right)', value: 1 },
			{ name: '3 (Bottom Left)', value: 2 },
			{ name: '4 (Bottom Right)', value: 3 },
		],
		description,
	};
}
