import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runPerItem';
import { channelRequest } from './channelRequest';
import { channelField } from './channelField';
import type { JobApi } from '../../apis/JobApi';

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
