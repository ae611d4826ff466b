import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { channelField } from './channelField';
import { channelRequest } from './channelRequest';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a channel',
	description: 'Remove a configured channel (DELETE /accounts/{channel})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['delete'] } },
	[channelField],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { channel } = await channelRequest(this, api, itemIndex, 'DELETE', '');
		return { channel, deleted: true };
	});
}
