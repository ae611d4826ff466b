import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { apiCall } from '../../../../transport/apiRequest';
import { jobIdField, readJobId } from './jobIdField';
import { jobPath } from '../../jobPath';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a running job',
	description: 'Cancel a running job so its slot is freed (DELETE /jobs/{jobid})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['cancel'] } },
	[
		{
			...jobIdField,
			description: 'The running job to cancel (status created, started or progress)',
		},
	],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const jobId = readJobId(this, itemIndex);
		await apiCall.call(this, api.endpoint, 'DELETE', jobPath(jobId), {}, itemIndex);
		return { jobid: jobId, cancelled: true };
	});
}
