import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runPerItem';
import { inputError, integerInRange, optionalUrl, requireText } from '../../helpers/validate';
import { apiCall } from '../../transport/apiRequest';

const properties: INodeProperties[] = [
	{
		displayName: 'Discord Token',
		name: 'discord',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'Discord token of the account that runs Midjourney (see https://useapi.net/docs/start-here/setup-midjourney). The channel is discovered from it.',
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

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['configure'] } },
	properties,
);

function readConfiguration(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const discord = requireText(
		context,
		itemIndex,
		'Discord Token',
		context.getNodeParameter('discord', itemIndex),
		500,
	);
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
	return { discord, maxJobs, maxImageJobs, maxVideoJobs, ...(replyUrl ? { replyUrl } : {}) };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const configuration = readConfiguration(this, itemIndex);
		return (await apiCall.call(
			this,
			'POST',
			'/accounts',
			{ body: configuration },
			itemIndex,
		)) as IDataObject;
	});
}
