import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, requireText } from '../../helpers/validate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Job ID field of an API whose job ids are UUIDs. */
export function uuidJobIdField(description: string): INodeProperties {
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

/**
 * The item's Job ID: anything but a UUID is refused before a request. UUIDs are
 * case-insensitive and the APIs write them lowercase: one pasted in capitals is sent in lowercase.
 */
export function readUuidJobId(
	context: IExecuteFunctions,
	itemIndex: number,
	apiName: string,
): string {
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
			`Job ID "${jobId}" is not a ${apiName} job ID`,
			'Use the jobid a job operation of this node output: a UUID such as 3f1c2b9e-8a7d-4c1e-9b2a-1d2e3f4a5b6c. Nothing was sent.',
		);
	}
	return jobId.toLowerCase();
}
