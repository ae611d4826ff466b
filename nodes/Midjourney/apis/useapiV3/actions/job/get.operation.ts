import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../../../engine/job';
import { jobOutputFor } from '../../../../engine/jobOutput';
import { runPerItem } from '../../../../helpers/runPerItem';
import { apiCall } from '../../../../transport/apiRequest';
import { jobIdField, readJobId } from './jobIdField';
import { jobPath } from '../../jobPath';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a job by its jobid: status, image URLs and buttons (free)',
	description: 'Read a job: status, progress, images, buttons (GET /jobs/{jobid})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const jobId = readJobId(this, itemIndex);
		const job = await apiCall.call(this, api.endpoint, 'GET', jobPath(jobId), {}, itemIndex);
		return jobOutputFor(this, job as Job);
	});
}
