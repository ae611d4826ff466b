import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';

import { errorItem } from '../helpers/errorItem';
import type { MediaContext } from '../transport/downloadMedia';
import { downloadResults, selected } from './downloadResults';
import type { Job } from './job';
import { jobFailureError } from './jobFailure';
import type { JobOperation } from './JobOperation';
import { jobOutput } from './jobOutput';
import type { OutputChoice } from './outputChoice';
import { readOutputChoice } from './outputChoice';
import { toolAnswer, toolAnswerPerFile } from './toolAnswer';

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
	if (output.forModel) {
		return answerForModel(context, api, operation, job, itemIndex, output, {
			reusedExisting,
			notes,
		});
	}
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

/**
 * The node runs as an AI Agent's tool: the compact answer (toolAnswer.ts), without downloads
 * (the agent hands the model JSON only). A failed or moderated job is an answer too, with its
 * error and what to do, so the model can act on it.
 */
function answerForModel(
	context: MediaContext,
	api: JobApi,
	operation: JobOperation,
	job: Job,
	itemIndex: number,
	output: OutputChoice,
	{ reusedExisting, notes }: { reusedExisting: boolean; notes: IDataObject },
): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	const failed = job.status === 'failed' || job.status === 'moderated';
	const failure = failed
		? jobFailureError(context.getNode(), api.endpoint.errors, job, itemIndex)
		: undefined;
	const summary = operation.summarize?.(job);
	if (job.status === 'completed' && output.download === 'split') {
		const files = selected(job, 'split');
		if (files.length > 0) {
			return toolAnswerPerFile(job, files).map((json) => ({ json, pairedItem }));
		}
	}
	return [{ json: toolAnswer(job, { summary, notes, failure, reusedExisting }), pairedItem }];
}
