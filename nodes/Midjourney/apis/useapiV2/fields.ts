import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	binaryOutputField,
	busyRetryOptions,
	downloadField,
	maxDownloadSizeOption,
	jobCommonFields,
	pollIntervalOption,
	simplifyField,
	timeoutOption,
} from '../../actions/fields/jobFields';
import { V2_CONCURRENCY } from './useapiV2';

export const MAX_JOBS_LIMIT = 15;

/** A field of MidjourneyV3's job operations: v2 is useapi.net too, so their words mostly hold. */
const v3Field = (name: string) =>
	jobCommonFields({ media: false }).find((field) => field.name === name)!;

const v3Option = (name: string) =>
	(v3Field('options').options as INodeProperties[]).find((option) => option.name === name)!;

const v3WaitMode = v3Field('waitMode');

/**
 * MidjourneyV3's Wait for Completion without Stream Progress, which v2 lacks: Poll is the
 * default. Don't Wait names v2's way to the result instead of the V3 Trigger.
 */
const waitModeField: INodeProperties = {
	...v3WaitMode,
	default: 'poll',
	options: (v3WaitMode.options as INodePropertyOptions[])
		.filter((option) => option.value !== 'stream')
		.map((option) =>
			option.value === 'none'
				? {
						...option,
						description:
							'Output the started job right away (set a Reply URL to get the result, or read it later with Job → Get)',
					}
				: option,
		),
};

/** A v2 job has one file, the grid (its Discord attachment): Download Results without the singles. */
const gridDownloadField: INodeProperties = {
	...downloadField,
	options: [
		{ name: "Don't Download", value: 'none', description: 'Output URLs only' },
		{
			name: 'Grid',
			value: 'grid',
			description: 'The grid image in the field set in Put Output in Field',
		},
	],
	description:
		"Fetch the grid image into n8n binary data once the job completed (not with Don't Wait). v2 jobs have no single images.",
};

/** MidjourneyV3's Options collection with v2's options: no Reply Level, a Channel ID typed in, Max Jobs. */
const optionsField: INodeProperties = {
	...v3Field('options'),
	options: [
		...busyRetryOptions('the account is busy', 'useapi.net suggests 10–30 seconds.'),
		{
			displayName: 'Channel ID',
			name: 'channel',
			type: 'string',
			default: '',
			placeholder: '1234567890123456789',
			description:
				'The Discord channel ID (digits) of an account configured for the v2 API at useapi.net, to run the job on that account. Empty: useapi.net picks an available account.',
		},
		{
			displayName: 'Max Concurrent Jobs',
			name: 'maxConcurrentJobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60 },
			default: 0,
			description: `How many items run at the same time. 0 = Max Jobs when set, else ${V2_CONCURRENCY} (v2 does not report the account's limit).`,
		},
		{
			displayName: 'Max Jobs',
			name: 'maxJobs',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_JOBS_LIMIT },
			default: V2_CONCURRENCY,
			description: `Jobs useapi.net runs at once on the account (sent as maxJobs). At most the Midjourney plan's Maximum Concurrent Jobs: 3 for Basic and Standard, ${MAX_JOBS_LIMIT} for Pro and Mega; a higher number gets jobs queued (HTTP 504). Unset: the account's own value, else 3.`,
		},
		maxDownloadSizeOption,
		pollIntervalOption,
		v3Option('replyRef'),
		{
			...v3Option('replyUrl'),
			description:
				"URL useapi.net POSTs the job to once it completed or failed (max 1024 characters). Empty: the account's own reply URL, if any.",
		},
		timeoutOption(
			'Longest time to wait for each job, including waiting for a free slot. v2 cannot cancel a job: one still running then keeps running, and its slot frees when it ends.',
		),
	],
};

/** Why the request carries no Discord token or server: shown above the options. */
export const accountsNotice: INodeProperties = {
	displayName:
		'Jobs run on the Midjourney accounts configured for the v2 API at useapi.net (account/midjourney). The node never sends a Discord token or server: a token must not be a node parameter, where it would be stored in the workflow. Choose an account with Options → Channel ID, or let useapi.net pick one.',
	name: 'accountsNotice',
	type: 'notice',
	default: '',
};

/** The fields the v2 imagine shows after its own. */
export const v2JobFields: INodeProperties[] = [
	waitModeField,
	simplifyField,
	gridDownloadField,
	binaryOutputField,
	optionsField,
];
