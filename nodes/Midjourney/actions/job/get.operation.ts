import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../engine/job';
import { jobOutput } from '../../engine/jobOutput';
import { runPerItem } from '../../helpers/runPerItem';
import { requireText } from '../../helpers/validate';
import { apiCall } from '../../transport/apiRequest';
import { jobIdField } from './jobIdField';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField],
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
		const job = await apiCall.call(
			this,
			'GET',
			`/jobs/${encodeURIComponent(jobId)}`,
			{},
			itemIndex,
		);
		return jobOutput(job as Job);
	});
}
