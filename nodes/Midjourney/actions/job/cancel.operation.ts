import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runPerItem';
import { requireText } from '../../helpers/validate';
import { apiCall } from '../../transport/apiRequest';
import { jobIdField } from './jobIdField';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['cancel'] } },
	[
		{
			...jobIdField,
			description: 'The running job to cancel (status created, started or progress)',
		},
	],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const jobId = requireText(
			this,
			itemIndex,
			'Job ID',
			this.getNodeParameter('jobId', itemIndex),
			200,
		);
		await apiCall.call(this, 'DELETE', `/jobs/${encodeURIComponent(jobId)}`, {}, itemIndex);
		return { jobid: jobId, cancelled: true };
	});
}
