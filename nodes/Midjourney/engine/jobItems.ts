import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';

import { errorItem } from '../helpers/errorItem';
import type { MediaContext } from '../transport/downloadMedia';
import { downloadResults } from './downloadResults';
import type { Job } from './job';
import { jobFailureError } from './jobFailure';
import type { JobOperation } from './JobOperation';
import { jobOutput } from './jobOutput';
import { readOutputChoice } from './outputChoice';

/**
 * The output item(s) for one finished job: shaped as chosen, with its media downloaded when it
 * completed. A failed or moderated job becomes an error item when `failuresAsItems`, otherwise
 * its error is thrown.
 */
export async function jobItems(
	context: MediaContext,
	api: JobApi,
	operation: JobOperation,
	job: Job,
	itemIndex: number,
	{ reusedExisting = false, failuresAsItems = false, notes = {} as IDataObject } = {},
): Promise<INodeExecutionData[]> {
	// The user's choice is read from the node itself (outputChoice.ts), the same way on every path.
	const output = readOutputChoice(context, api.endpoint, itemIndex);
	const json = {
		...jobOutput(job, output.simplify, operation.summarize?.(job)),
		...notes,
	};
	if (reusedExisting) json.reusedExistingJob = true;
	if (job.status === 'failed' || job.status === 'moderated') {
		const failure = jobFailureError(context.getNode(), api.endpoint.errors, job, itemIndex);
		if (!failuresAsItems) throw failure;
		return [errorItem(failure, itemIndex, json)];
	}
	if (job.status !== 'completed') return [{ json, pairedItem: { item: itemIndex } }];
	return await downloadResults(context, job, json, output, itemIndex);
}
