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
import { usageOf } from '../prompt';
import { toJob } from '../toJob';
import { jobIdField, readJobId } from './jobIdField';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a job by its jobid: status, image and video URLs (free)',
	description:
		'Read a job: status, results, available follow-ups, points used (GET /api/v1/job/{job_id})',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField('The job to read')],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { method, path } = api.read(readJobId(this, itemIndex));
		const body = (await apiCall.call(
			this,
			api.endpoint,
			method,
			path,
			{},
			itemIndex,
		)) as IDataObject;
		const job = toJob(body);
		return job ? jobOutputFor(this, job, usageOf(job.source)) : body;
	});
}
