import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { inputError, integerInRange, optionalUrl } from '../../../../helpers/validate';
import { apiCall } from '../../../../transport/apiRequest';
import type { JobApi } from '../../../JobApi';

const properties: INodeProperties[] = [
	{
		displayName:
			'The Discord token comes from the "Midjourney Discord Account API" credential above, so n8n stores it encrypted. useapi.net discovers the channel from it.',
		name: 'discordNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Max Jobs',
		name: 'maxJobs',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 15 },
		default: 3,
		description:
			'Maximum concurrent jobs of all types (1–15). Keep it at or below your Midjourney plan, ideally one less.',
	},
	{
		displayName: 'Max Image Jobs',
		name: 'maxImageJobs',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12 },
		default: 3,
		description: 'Maximum concurrent image jobs (1–12, at most Max Jobs)',
	},
	{
		displayName: 'Max Video Jobs',
		name: 'maxVideoJobs',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 12 },
		default: 3,
		description: 'Maximum concurrent video jobs (1–12, at most Max Jobs)',
	},
	{
		displayName: 'Reply URL',
		name: 'replyUrl',
		type: 'string',
		default: '',
		description:
			"Default callback URL for this channel's jobs, e.g. a MidjourneyV3 Trigger URL (max 2048 characters)",
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Configure',
	value: 'configure',
	action: 'Configure a channel',
	description:
		'Add a Midjourney Discord account, or update its limits and reply URL (POST /accounts)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['configure'] } },
	properties,
);

export const DISCORD_CREDENTIAL = 'useApiMidjourneyDiscordApi';

/** The Discord token from its credential; it goes into the request body and nowhere else. */
async function readDiscordToken(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const credential = await context.getCredentials<{ discordToken?: string }>(
		DISCORD_CREDENTIAL,
		itemIndex,
	);
	const token = typeof credential.discordToken === 'string' ? credential.discordToken.trim() : '';
	if (token === '' || token.length > 500) {
		throw inputError(
			context,
			itemIndex,
			'The Discord token in the "Midjourney Discord Account API" credential is empty or too long',
			'Open the credential and paste the Discord token (see https://useapi.net/docs/start-here/setup-midjourney).',
		);
	}
	return token;
}

function readConfiguration(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const maxJobs = integerInRange(
		context,
		itemIndex,
		'Max Jobs',
		context.getNodeParameter('maxJobs', itemIndex),
		1,
		15,
	);
	const maxImageJobs = integerInRange(
		context,
		itemIndex,
		'Max Image Jobs',
		context.getNodeParameter('maxImageJobs', itemIndex),
		1,
		12,
	);
	const maxVideoJobs = integerInRange(
		context,
		itemIndex,
		'Max Video Jobs',
		context.getNodeParameter('maxVideoJobs', itemIndex),
		1,
		12,
	);
	for (const [field, value] of [
		['Max Image Jobs', maxImageJobs],
		['Max Video Jobs', maxVideoJobs],
	] as const) {
		if (value > maxJobs) {
			throw inputError(
				context,
				itemIndex,
				`${field} (${value}) is more than Max Jobs (${maxJobs})`,
				`Lower ${field} or raise Max Jobs.`,
			);
		}
	}
	const replyUrl = optionalUrl(
		context,
		itemIndex,
		'Reply URL',
		context.getNodeParameter('replyUrl', itemIndex),
		2048,
	);
	return { maxJobs, maxImageJobs, maxVideoJobs, ...(replyUrl ? { replyUrl } : {}) };
}

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const configuration = readConfiguration(this, itemIndex);
		const discord = await readDiscordToken(this, itemIndex);
		return (await apiCall.call(
			this,
			api.endpoint,
			'POST',
			'/accounts',
			{ body: { discord, ...configuration } },
			itemIndex,
		)) as IDataObject;
	});
}
