import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_BUSY_RETRY_MAX_SECONDS,
	DEFAULT_BUSY_RETRY_MIN_SECONDS,
	DEFAULT_MAX_DOWNLOAD_MB,
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
} from '../../engine/settingDefaults';

const waitModeField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitMode',
	type: 'options',
	noDataExpression: true,
	default: 'stream',
	options: [
		{
			name: 'Stream Progress (SSE)',
			value: 'stream',
			description:
				'Keep a live connection and output the job the moment it finishes. Falls back to polling if the connection drops.',
		},
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
				'Pause this execution (nothing held open; survives restarts) until useapi.net reports every job finished, then continue with the results',
		},
		{
			name: "Don't Wait",
			value: 'none',
			description:
				'Output the created job right away (use a Reply URL and the MidjourneyV3 Trigger to get the result)',
		},
	],
	description: 'How the node waits for Midjourney to finish the job',
};

/** How long to pause before submitting again after a 429; `busy` says what the 429 means. */
export function busyRetryOptions(busy: string, advice = ''): INodeProperties[] {
	return [
		{
			displayName: 'Busy Retry Max Wait (Seconds)',
			name: 'busyRetryMaxSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: DEFAULT_BUSY_RETRY_MAX_SECONDS,
			description: `Longest pause before submitting again when ${busy} (HTTP 429)${advice ? `. ${advice}` : ''}`,
		},
		{
			displayName: 'Busy Retry Min Wait (Seconds)',
			name: 'busyRetryMinSeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: DEFAULT_BUSY_RETRY_MIN_SECONDS,
			description: `Shortest pause before submitting again when ${busy} (HTTP 429)`,
		},
	];
}

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval (Seconds)',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 0.1, numberPrecision: 2 },
	default: DEFAULT_POLL_INTERVAL_SECONDS,
	description:
		'How often to read a job in Poll mode while its progress does not yet predict its end',
};

/** Options → Timeout; `abandon` says what happens to a job still running then. */
export function timeoutOption(abandon: string): INodeProperties {
	return {
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description: `${abandon} With Pause Until Callback: how long the execution stays paused before it continues without the results (items marked timedOut)`,
	};
}

const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...busyRetryOptions('the channel is busy', 'useapi.net suggests 10–30 seconds.'),
		{
			displayName: 'Channel Name or ID',
			name: 'channel',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getChannelsOrAny' },
			default: '',
			description:
				'The configured channel to run the job in; by default useapi.net picks one with free capacity. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Max Concurrent Jobs',
			name: 'maxConcurrentJobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60 },
			default: 0,
			description:
				'How many items run at the same time. 0 = as many as the configured channels allow (their maxImageJobs / maxVideoJobs).',
		},
		pollIntervalOption,
		{
			displayName: 'Reply Level',
			name: 'replyLevel',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All', value: 'all', description: 'Every status change, including progress' },
				{ name: 'Minimal', value: 'minimal', description: 'Only the final outcome' },
				{ name: 'Standard', value: 'standard', description: 'Created and the final outcome' },
			],
			description: 'Which status changes useapi.net POSTs to the Reply URL',
		},
		{
			displayName: 'Reply Reference',
			name: 'replyRef',
			type: 'string',
			default: '',
			description:
				'Your own reference, stored with the job and returned in every response and callback (max 1024 characters)',
		},
		{
			displayName: 'Reply URL',
			name: 'replyUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-n8n/webhook/…',
			description:
				'URL that useapi.net POSTs job updates to, e.g. a MidjourneyV3 Trigger URL (max 1024 characters)',
		},
		timeoutOption(
			'Longest time to wait for each job, including waiting for a free slot. A job still running then is cancelled so its slot is freed.',
		),
	],
};

/** Simplify Output, as in n8n's own AI nodes: shared by every job operation and the trigger. */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		"Whether to return only jobid, verb, status, prompt, progress, imageUrls, videoUrls, buttons, error and the operation's own fields (seed, prompts, settings) instead of the whole job as the API returns it",
};

/** Download Results: shared by every media-producing job operation and the trigger. */
export const downloadField: INodeProperties = {
	displayName: 'Download Results',
	name: 'download',
	type: 'options',
	default: 'none',
	options: [
		{ name: "Don't Download", value: 'none', description: 'Output URLs only' },
		{
			name: 'Grid and Single Images/Videos',
			value: 'gridAndSingles',
			description:
				'Binary fields grid, image1–image4 and video1–video4 (an upscale: its one file, image1 or video1)',
		},
		{
			name: 'Grid Only',
			value: 'grid',
			description:
				'The grid image in the field set in Put Output in Field (an upscale: its one image or video)',
		},
		{
			name: 'One Item per Image/Video',
			value: 'split',
			description:
				'One output item per single image or video, each in the field set in Put Output in Field',
		},
		{
			name: 'Single Images/Videos',
			value: 'singles',
			description:
				'Binary fields image1–image4 and video1–video4 (an upscale: its one file, image1 or video1)',
		},
	],
	description:
		"Fetch the results into n8n binary data once the job completed (not with Don't Wait)",
	displayOptions: { hide: { waitMode: ['none'] } },
};

/** Put Output in Field, as in n8n's HTTP Request and AI nodes: for downloads with one file per item. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output in Field',
	name: 'binaryPropertyOutput',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
	displayOptions: { show: { download: ['grid', 'split'] }, hide: { waitMode: ['none'] } },
};

/** The two ways media are fetched, for Download Results and Media → Download. */
export const downloadViaOptions = [
	{
		name: 'useapi.net Proxy',
		value: 'proxy',
		description:
			'GET /v1/proxy/cdn-midjourney adds the headers the Midjourney CDN needs (cdn.midjourney.com URLs only; others are fetched directly)',
	},
	{ name: 'Direct', value: 'direct', description: 'Straight from the CDN with browser headers' },
];

export const downloadViaOption: INodeProperties = {
	displayName: 'Download Via',
	name: 'downloadVia',
	type: 'options',
	default: 'proxy',
	options: downloadViaOptions,
	description:
		'How Download Results fetches imageUx/videoUx files (the grid always comes directly from Discord)',
};

/** Max Download Size: the action nodes' Options, the triggers' own field and Media → Download. */
export const maxDownloadSizeOption: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadSize',
	type: 'number',
	typeOptions: { minValue: 0.001, numberPrecision: 3 },
	default: DEFAULT_MAX_DOWNLOAD_MB,
	description:
		'Largest file a download takes. A larger one fails its item with an error naming the file; the job itself stays complete, its URLs in the output.',
};

/**
 * The fields every job operation shows after its own: how to wait, the output shape, and the
 * shared options. Verbs whose jobs produce images or videos also offer downloads.
 */
export function jobCommonFields({ media }: { media: boolean }): INodeProperties[] {
	if (!media) return [waitModeField, simplifyField, optionsField];
	const options = {
		...optionsField,
		options: [
			...(optionsField.options as INodeProperties[]),
			downloadViaOption,
			maxDownloadSizeOption,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
	return [waitModeField, simplifyField, downloadField, binaryOutputField, options];
}
