import type { INodeProperties } from 'n8n-workflow';

import type { JobStatus } from '../engine/job';
import {
	binaryOutputField,
	downloadField,
	downloadViaOption,
	maxDownloadSizeOption,
	simplifyField,
} from '../actions/fields/jobFields';

export const DEFAULT_EVENTS: JobStatus[] = ['completed', 'failed', 'moderated'];

/** Verbs of the job model (GET /jobs/{jobid}); `settings` is the /settings command's verb. */
const VERBS = [
	'blend',
	'button',
	'describe',
	'fast',
	'imagine',
	'info',
	'relax',
	'remix',
	'seed',
	'settings',
	'turbo',
	'variability',
];

const setupNotice: INodeProperties = {
	displayName:
		'Copy this node\'s URL from "Webhook URLs" above (Production URL once the workflow is published, Test URL after "Execute step" while it is listening for a test event) and paste it as Reply URL: in MidjourneyV3 → Job → Options → Reply URL for single jobs, or in Account → Configure → Reply URL as the default of a channel. The random ID in that URL is its secret: share it like a password.',
	name: 'setupNotice',
	type: 'notice',
	default: '',
};

const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	default: ['completed', 'failed', 'moderated'],
	required: true,
	options: [
		{ name: 'Completed', value: 'completed', description: 'The job finished with its results' },
		{ name: 'Created', value: 'created', description: 'The job was accepted by useapi.net' },
		{
			name: 'Failed',
			value: 'failed',
			description: 'The job failed (see error, errorDetails, code)',
		},
		{
			name: 'Moderated',
			value: 'moderated',
			description: 'Midjourney moderated the prompt or image',
		},
		{
			name: 'Progress',
			value: 'progress',
			description: 'Each progress step (progress_percent); fires once per step',
		},
		{ name: 'Started', value: 'started', description: 'Midjourney started the job' },
	],
	description:
		'Job statuses that start the workflow. With Verify with API, the status is the one useapi.net reports when the callback arrives.',
};

const verifyField: INodeProperties = {
	displayName: 'Verify with API',
	name: 'verifyWithApi',
	type: 'boolean',
	default: true,
	description:
		'Whether to re-read each job from useapi.net (GET /jobs/{jobid}) and output that instead of the callback body, so a forged callback cannot inject a status or URLs. Needs the useapi.net credential; callbacks for jobs the credential cannot read start nothing.',
};

const filtersField: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'string',
			default: '',
			placeholder: '1234567890123456789, 9876543210987654321',
			description:
				"Only jobs of these Discord channel IDs (comma-separated; see Account → List). The channel is read from the job's request, or from the channel number in its ID (…-c1234567890123456789-…).",
		},
		{
			displayName: 'Job Type',
			name: 'jobType',
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{
					name: 'Image',
					value: 'image',
					description: 'Imagine without --video, blend, image buttons',
				},
				{
					name: 'Video',
					value: 'video',
					description: 'Imagine with --video, animate/extend buttons',
				},
				{
					name: 'None (Describe, Seed, Settings…)',
					value: 'none',
					description: 'Jobs without a jobType',
				},
			],
			description: 'Only jobs of this jobType',
		},
		{
			displayName: 'Reply Reference',
			name: 'replyRef',
			type: 'string',
			default: '',
			description: 'Only jobs submitted with this Reply Reference (replyRef)',
		},
		{
			displayName: 'Reply Reference Match',
			name: 'replyRefMatch',
			type: 'options',
			default: 'exact',
			options: [
				{ name: 'Exact', value: 'exact' },
				{ name: 'Starts With', value: 'prefix' },
			],
			description: "How Reply Reference is compared with the job's replyRef",
		},
		{
			displayName: 'Verbs',
			name: 'verbs',
			type: 'multiOptions',
			default: [],
			options: VERBS.map((verb) => ({
				name: verb.charAt(0).toUpperCase() + verb.slice(1),
				value: verb,
			})),
			description: 'Only jobs of these commands. None selected: every command.',
		},
	],
};

/** What a trigger outputs and downloads; `downloadVia` for APIs whose media have a proxy. */
export function triggerOutputFields({ downloadVia }: { downloadVia: boolean }): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			...simplifyField,
			description: `${simplifyField.description}. event and verified are always added.`,
		},
		{
			...downloadField,
			description:
				'Fetch the results of a verified, completed job into n8n binary data (needs Verify with API)',
			displayOptions: { show: { verifyWithApi: [true] } },
		},
		{
			...binaryOutputField,
			displayOptions: { show: { verifyWithApi: [true], download: ['grid', 'split'] } },
		},
	];
	const whenDownloading = { show: { verifyWithApi: [true] }, hide: { download: ['none'] } };
	const maxSize = { ...maxDownloadSizeOption, displayOptions: whenDownloading };
	if (!downloadVia) return [...fields, maxSize];
	return [...fields, { ...downloadViaOption, displayOptions: whenDownloading }, maxSize];
}

export const triggerFields: INodeProperties[] = [
	setupNotice,
	eventsField,
	verifyField,
	filtersField,
	...triggerOutputFields({ downloadVia: true }),
];
