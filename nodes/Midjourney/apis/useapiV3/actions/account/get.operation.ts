import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { channelRequest } from './channelRequest';
import { channelField } from './channelField';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a channel',
	description: "Read one channel's configuration and error state (GET /accounts/{channel})",
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	[channelField],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { body } = await channelRequest(this, api, itemIndex, 'GET', '');
		return body as IDataObject;
	});
}
