import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobOutput } from '../../../engine/jobOutput';
import { runPerItem } from '../../../helpers/runPerItem';
import { apiCall } from '../../../transport/apiRequest';
import { midjourneyV1 } from '../midjourneyV1';
import { toJob } from '../toJob';
import { jobIdField, readJobId } from './jobIdField';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Cancel',
	value: 'cancel',
	action: 'Cancel a job',
	description: 'Cancel a pending or running job (POST /v1/jobs/{jobId}/cancel)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['cancel'] } },
	[jobIdField('The pending or running job to cancel')],
);

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const cancel = midjourneyV1.cancel!(readJobId(this, itemIndex));
		const body = (await apiCall.call(
			this,
			api.endpoint,
			cancel.method,
			cancel.path,
			{},
			itemIndex,
		)) as IDataObject;
		const job = toJob(body);
		return job ? jobOutput(job) : body;
	});
}
