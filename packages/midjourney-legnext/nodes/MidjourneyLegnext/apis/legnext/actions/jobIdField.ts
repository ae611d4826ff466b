import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, requireText } from '../../../helpers/validate';
import { UUID } from '../jobIds';

export function jobIdField(description: string): INodeProperties {
	return {
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c',
		description,
	};
}

/** Legnext's job ids are UUIDs: anything else is refused before a request. */
export function readJobId(context: IExecuteFunctions, itemIndex: number): string {
	const jobId = requireText(
		context,
		itemIndex,
		'Job ID',
		context.getNodeParameter('jobId', itemIndex),
		64,
	);
	if (!UUID.test(jobId)) {
		throw inputError(
			context,
			itemIndex,
			`Job ID "${jobId.slice(0, 80)}" is not a Legnext job ID`,
			'Use the job_id a job operation of this node output: a UUID such as 3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c. Nothing was sent.',
		);
	}
	return jobId.toLowerCase();
}
