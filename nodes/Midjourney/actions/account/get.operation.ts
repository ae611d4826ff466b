import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runPerItem';
import { channelRequest } from './channelRequest';
import { channelField } from './channelField';

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	[channelField],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { body } = await channelRequest(this, itemIndex, 'GET', '');
		return body as IDataObject;
	});
}
