import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../helpers/runPerItem';
import { apiCall } from '../../../transport/apiRequest';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get Balance',
	value: 'getBalance',
	action: 'Get the Legnext account balance: points and credits left (free)',
	description: 'Points, credits and USD balance of the account (GET /api/account/balance)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getBalance'] } },
	[],
);

/** The balance's `data` as top-level fields (Legnext wraps it in { code, message, data }). */
export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const body = (await apiCall.call(
			this,
			api.endpoint,
			'GET',
			'/account/balance',
			{},
			itemIndex,
		)) as IDataObject;
		const data = body.data;
		return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : body;
	});
}
