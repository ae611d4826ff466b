import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../../../engine/job';
import { jobCommonFields } from '../../../../actions/fields/jobFields';
import { jobMedia } from '../../../../engine/jobMedia';
import type { JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';
import { jobIdField } from './jobIdField';
import { existingChildJob, readParentJobId } from './parentJob';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Seed',
	value: 'seed',
	action: 'Get the seed of a job',
	description: 'Retrieve the seed of a completed image job, with its four separate images',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['seed'] } },
	[
		{ ...jobIdField, description: 'The completed image job whose seed to retrieve (its jobid)' },
		...jobCommonFields({ media: true }),
	],
);

/** The seed from the message text, e.g. "**seed** 3937070146". */
export function seedOf(job: Job): number | null {
	const match = /\*\*seed\*\*\s*:?\s*(\d+)/i.exec(job.response?.content ?? '');
	return match ? Number(match[1]) : null;
}

export const jobOperation: JobOperation = {
	verb: 'seed',
	buildRequest(itemIndex) {
		return { body: { jobId: readParentJobId(this, itemIndex) } };
	},
	summarize(job): IDataObject {
		return {
			seed: seedOf(job),
			imageUrls: jobMedia(job)
				.filter((file) => file.kind === 'image')
				.map((file) => file.url),
		};
	},
	// Seed runs once per job: a second request would return the first one's result anyway.
	async findExisting(prepared) {
		return await existingChildJob(
			this,
			prepared.api,
			prepared.request.body.jobId as string,
			'seed',
			prepared.itemIndex,
		);
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
