import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../engine/job';
import { jobOutput } from '../../engine/jobOutput';
import { runPerItem } from '../../helpers/runPerItem';
import { apiCall } from '../../transport/apiRequest';
import { jobIdField, readJobId } from './jobIdField';
import { jobPath } from '../../apis/useapiV3/jobPath';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField],
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const jobId = readJobId(this, itemIndex);
		const job = await apiCall.call(this, 'GET', jobPath(jobId), {}, itemIndex);
		return jobOutput(job as Job);
	});
}
