import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { channelField } from './channelField';
import { channelRequest } from './channelRequest';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Reset',
	value: 'reset',
	action: 'Reset a channel after moderation',
	description:
		'Unlock a channel after resolving its moderation message or CAPTCHA in Discord (POST /accounts/reset/{channel})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['reset'] } },
	[
		{
			...channelField,
			description:
				'The channel to unlock after you resolved its moderation message or CAPTCHA in Discord (HTTP 596). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { channel } = await channelRequest(this, api, itemIndex, 'POST', '/reset');
		return { channel, reset: true };
	});
}
