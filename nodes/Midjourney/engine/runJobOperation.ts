import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { errorItem } from '../helpers/errorItem';
import type { JobOperation, PreparedJob } from './JobOperation';
import { readJobSettings } from './jobSettings';
import { waitingFor } from './waiting/waitingFor';
import { toNodeError } from '../helpers/nodeError';
import { checkParameterTypes } from '../helpers/parameterTypes';
import { inputError } from '../helpers/validate';
import { PromptNotes } from '../prompt/promptNotes';
import { SubmitsInFlight } from './submitsInFlight';
import { answersAModel } from './toolRun';

/** What every item's job of one node run shares. */
interface NodeRun {
	api: JobApi;
	operation: JobOperation;
	/** The operation's fields, whose values are type-checked before any request. */
	fields: INodeProperties[];
	submits: SubmitsInFlight;
}

async function prepare(
	context: IExecuteFunctions,
	{ api, operation, fields, submits }: NodeRun,
	itemIndex: number,
): Promise<PreparedJob> {
	checkParameterTypes(context, fields, itemIndex);
	const settings = readJobSettings.call(context, itemIndex);
	const request = await operation.buildRequest.call(context, itemIndex);
	const waiting = waitingFor(settings.waitMode);
	waiting.checkSettings?.(
		settings,
		(message, fix) => inputError(context, itemIndex, message, fix),
		{ forModel: answersAModel(context) },
	);
	return { itemIndex, api, operation, request, settings, waiting, submits, notes: {} };
}

async function concurrencyFor(
	context: IExecuteFunctions,
	api: JobApi,
	operation: JobOperation,
	jobs: PreparedJob[],
): Promise<number> {
	if (operation.serial || jobs.length === 1) return 1;
	const chosen = jobs[0].settings.maxConcurrentJobs;
	if (chosen > 0) return chosen;
	return (await api.capacity?.(context, jobs)) ?? 1;
}

/** Each item's promptWarnings, its own and the batch's: known once every item is prepared. */
function noteEachItem(jobs: PreparedJob[]): void {
	const notes = new PromptNotes(jobs[0].api.discordAccounts);
	for (const job of jobs) notes.add(job.itemIndex, job.request.promptCheck);
	for (const job of jobs) job.notes = notes.of(job.itemIndex);
}

/**
 * Runs a job operation over all input items: validates every item (its parameters against the
 * operation's `fields`, then the verb's own checks) before any request (so a
 * bad item 7 cannot leave items 1–6 paid for and then fail), runs the jobs concurrently up to
 * the channels' capacity, and keeps output order and pairing.
 */
export async function runJobOperation(
	this: IExecuteFunctions,
	api: JobApi,
	operation: JobOperation,
	fields: INodeProperties[],
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = items.map(() => []);

	const run: NodeRun = { api, operation, fields, submits: new SubmitsInFlight() };
	const jobs: PreparedJob[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			jobs.push(await prepare(this, run, itemIndex));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex);
			results[itemIndex] = [errorItem(error as Error, itemIndex)];
		}
	}
	if (jobs.length === 0) return results.flat();
	noteEachItem(jobs);

	const concurrency = await concurrencyFor(this, api, operation, jobs);
	// Wait for Completion cannot take an expression, so every item waits the same way.
	return await jobs[0].waiting.runBatch({
		context: this,
		api,
		operation,
		jobs,
		results,
		concurrency,
	});
}
