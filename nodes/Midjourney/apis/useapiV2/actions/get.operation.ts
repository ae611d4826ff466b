import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobOutputFor } from '../../../engine/jobOutput';
import { inputError, requireText } from '../../../helpers/validate';
import { runPerItem } from '../../../helpers/runPerItem';
import { apiCall } from '../../../transport/apiRequest';
import { gridUrl, toJob } from '../toJob';
import { useapiV2 } from '../useapiV2';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a job by its jobid: status, image URLs and buttons (free)',
	description: 'Read a job: status, progress, grid (GET /v2/jobs/?jobid=)',
};

const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. j0909020449667123456i-u12345-c1234567890123456789-bot:midjourney',
	description: 'The job to read: the jobid an Imagine of this node output',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	[jobIdField],
);

/**
 * The document shows v2 job ids only as "<jobid>", so their shape is not checked beyond being
 * one word: an unknown one gets the API's 404 with what to do.
 */
function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	const jobId = requireText(
		context,
		itemIndex,
		'Job ID',
		context.getNodeParameter('jobId', itemIndex),
		200,
	);
	if (/\s/.test(jobId)) {
		throw inputError(
			context,
			itemIndex,
			`Job ID "${jobId.slice(0, 80)}" is not a job ID (it contains spaces)`,
			'Use the jobid an Imagine of this node output. If it comes from an expression, check that it points at the jobid field.',
		);
	}
	return jobId;
}

/** GET /v2/jobs/?jobid=…: the job as the API returns it, with the fields every output shares. */
export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const { method, path, qs } = useapiV2.read(readJobId(this, itemIndex));
		const body = (await apiCall.call(
			this,
			api.endpoint,
			method,
			path,
			{ qs },
			itemIndex,
		)) as IDataObject;
		const job = toJob(body);
		return job ? jobOutputFor(this, job, gridUrl(job)) : body;
	});
}
