import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobOutputFor } from '../../../engine/jobOutput';
import { runPerItem } from '../../../helpers/runPerItem';
import { apiCall } from '../../../transport/apiRequest';
import { midjourneyV1 } from '../midjourneyV1';
import { toJob } from '../toJob';
import { jobIdField, readJobId } from './jobIdField';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a job by its jobid: status and image URLs (free)',
	description: 'Read a job: status, progress, images (GET /v1/jobs/{jobId})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField('The job to read')],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { method, path } = midjourneyV1.read(readJobId(this, itemIndex));
		const body = (await apiCall.call(
			this,
			api.endpoint,
			method,
			path,
			{},
			itemIndex,
		)) as IDataObject;
		const job = toJob(body);
		return job ? jobOutputFor(this, job) : body;
	});
}
