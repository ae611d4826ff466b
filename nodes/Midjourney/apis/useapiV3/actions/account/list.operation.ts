import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { apiErrorFromResponse } from '../../../../transport/apiError';
import { apiRequest, isSuccess } from '../../../../transport/apiRequest';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	action: 'List channels',
	description: 'One item per configured channel (GET /accounts)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['list'] } },
	[],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const response = await apiRequest.call(this, api.endpoint, 'GET', '/accounts', {}, itemIndex);
		// 404 with an empty body is how the API says "no channel configured yet".
		if (response.statusCode === 404) return [];
		if (!isSuccess(response.statusCode)) {
			const { statusCode, body } = response;
			throw apiErrorFromResponse(this.getNode(), api.endpoint, statusCode, body, itemIndex);
		}
		return Object.values((response.body ?? {}) as Record<string, IDataObject>);
	});
}
