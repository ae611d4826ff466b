import type { INodeProperties } from 'n8n-workflow';

import { triggerOutputFields } from '../../trigger/triggerFields';

const setupNotice: INodeProperties = {
	displayName:
		'Copy this node\'s URL from "Webhook URLs" above (Production URL once the workflow is published, Test URL while it listens for a test event) and set it as Webhook URL of your jobs: Midjourney /v1 API → Options → Webhook URL (Webhook Type Result, or Progress for every change). The random ID in that URL is its secret: share it like a password.',
	name: 'setupNotice',
	type: 'notice',
	default: '',
};

/** The /v1 statuses, in the engine's words (pending → created, in_progress → started/progress, cancelled → failed). */
const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	default: ['completed', 'failed'],
	required: true,
	options: [
		{ name: 'Completed', value: 'completed', description: 'The job finished with its results' },
		{
			name: 'Failed or Cancelled',
			value: 'failed',
			description: 'The job failed (error) or was cancelled',
		},
		{
			name: 'Progress',
			value: 'progress',
			description: 'Each progress update (Webhook Type Progress); fires once per step',
		},
		{
			name: 'Started',
			value: 'started',
			description: 'The job went in progress (Webhook Type Progress)',
		},
	],
	description:
		'Job statuses that start the workflow. With Verify with API, the status is the one the API reports when the callback arrives.',
};

const verifyField: INodeProperties = {
	displayName: 'Verify with API',
	name: 'verifyWithApi',
	type: 'boolean',
	default: true,
	description:
		'Whether to re-read each job from the API (GET /v1/jobs/{jobId}) and output that instead of the callback body, so a forged callback cannot inject a status or URLs. Needs the credential; callbacks for jobs the credential cannot read start nothing.',
};

const filtersField: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Job Types',
			name: 'verbs',
			type: 'multiOptions',
			default: [],
			options: ['blend', 'describe', 'imagine', 'upscale', 'variation'].map((verb) => ({
				name: verb.charAt(0).toUpperCase() + verb.slice(1),
				value: verb,
			})),
			description: 'Only jobs of these types. None selected: every type.',
		},
	],
};

export const v1TriggerFields: INodeProperties[] = [
	setupNotice,
	eventsField,
	verifyField,
	filtersField,
	...triggerOutputFields({ downloadVia: false }),
];
