import type { INodeProperties } from 'n8n-workflow';

import { triggerOutputFields } from '../../trigger/triggerFields';

const TASK_TYPES = [
	'blend',
	'describe',
	'diffusion',
	'edit',
	'extend-video',
	'inpaint',
	'outpaint',
	'pan',
	'remix',
	'reroll',
	'shorten',
	'upscale',
	'variation',
	'video-diffusion',
	'video-upscale',
];

const setupNotice: INodeProperties = {
	displayName:
		'Copy this node\'s URL from "Webhook URLs" above (Production URL once the workflow is published, Test URL while it listens for a test event) and set it as Callback URL of your jobs: Midjourney (Legnext) → Options → Callback URL. Legnext does not sign callbacks, so every callback is checked by reading its job from Legnext with the API key before anything starts.',
	name: 'setupNotice',
	type: 'notice',
	default: '',
};

/** Legnext's statuses in the engine's words: pending → created, staged/processing → started. */
const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	default: ['completed', 'failed'],
	required: true,
	options: [
		{ name: 'Completed', value: 'completed', description: 'The job finished with its results' },
		{ name: 'Failed', value: 'failed', description: 'The job failed (error.code and message)' },
		{
			name: 'Started',
			value: 'started',
			description: 'The job is staged or processing (if Legnext reports it: unconfirmed)',
		},
	],
	description:
		'Job statuses that start the workflow: the status Legnext reports when the node reads the job, not what the callback claims',
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
			options: TASK_TYPES.map((type) => ({ name: type, value: type })),
			description: 'Only jobs of these task types. None selected: every type.',
		},
	],
};

/**
 * The shared output fields, shown without the "Verify with API" condition this trigger has no
 * switch for; results are downloaded by default, as Legnext's URLs expire.
 */
function outputFields(): INodeProperties[] {
	return triggerOutputFields({ downloadVia: false }).map((field) => {
		const { displayOptions, ...rest } = field;
		const show = Object.fromEntries(
			Object.entries(displayOptions?.show ?? {}).filter(([name]) => name !== 'verifyWithApi'),
		);
		const kept = { ...displayOptions, ...(Object.keys(show).length > 0 ? { show } : {}) };
		if (Object.keys(show).length === 0) delete kept.show;
		const shown: INodeProperties =
			Object.keys(kept).length > 0 ? { ...rest, displayOptions: kept } : rest;
		return field.name === 'download'
			? {
					...shown,
					default: 'gridAndSingles',
					description: 'Fetch the results of a completed job into n8n binary data',
				}
			: shown;
	});
}

/** No "Verify with API" switch: Legnext's callbacks are unsigned, so they are always verified. */
export const legnextTriggerFields: INodeProperties[] = [
	setupNotice,
	eventsField,
	filtersField,
	...outputFields(),
];
