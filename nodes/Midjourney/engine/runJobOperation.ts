import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { errorItem } from '../helpers/errorItem';
import { executionCancelSignal } from '../transport/apiRequest';
import type { CleanupAccess } from '../transport/cleanupAfterCancel';
import { prepareCleanupAccess } from '../transport/cleanupAfterCancel';
import { forEachConcurrently } from './forEachConcurrently';
import { jobItems } from './jobItems';
import { pauseForCallbacks } from './pauseForCallbacks';
import type { JobOperation, PreparedJob } from './JobOperation';
import { readJobSettings } from './jobSettings';
import { runJob } from './runJob';
import { waitingFor } from './waiting/waitingFor';
import { toNodeError } from '../helpers/nodeError';
import { checkParameterTypes } from '../helpers/parameterTypes';
import { PromptNotes } from '../prompt/promptNotes';

async function prepare(
	context: IExecuteFunctions,
	api: JobApi,
	operation: JobOperation,
	fields: INodeProperties[],
	itemIndex: number,
): Promise<PreparedJob> {
	checkParameterTypes(context, fields, itemIndex);
	const settings = readJobSettings.call(context, itemIndex);
	const request = await operation.buildRequest.call(context, itemIndex);
	const waiting = waitingFor(settings.waitMode);
	return { itemIndex, api, operation, request, settings, waiting, notes: {} };
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
	const notes = new PromptNotes();
	for (const job of jobs) notes.add(job.itemIndex, job.request.promptCheck);
	for (const job of jobs) job.notes = notes.of(job.itemIndex);
}

/** Runs one item's job and turns it into its output item(s). */
async function finishJob(
	context: IExecuteFunctions,
	operation: JobOperation,
	prepared: PreparedJob,
	cleanup: CleanupAccess | undefined,
): Promise<INodeExecutionData[]> {
	const run = await runJob.call(context, prepared, cleanup);
	return await jobItems(context, prepared.api, operation, run.job, prepared.itemIndex, {
		reusedExisting: run.reusedExisting,
		failuresAsItems: context.continueOnFail(),
		notes: prepared.notes,
	});
}

/** The node is about to fail: name the jobs that did finish, so their results are not lost. */
function withFinishedJobs(failure: Error, results: INodeExecutionData[][]): Error {
	const finished = results
		.flat()
		.filter((item) => item.json.status === 'completed' && !item.json.error);
	if (finished.length > 0) {
		const withDescription = failure as Error & { description?: string | null };
		const ids = finished.map((item) => item.json.jobid).join(', ');
		withDescription.description =
			`${withDescription.description ?? ''} Jobs that completed in this run (read them with Job → Get): ${ids}.`.trim();
	}
	return failure;
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

	const jobs: PreparedJob[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			jobs.push(await prepare(this, api, operation, fields, itemIndex));
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex);
			results[itemIndex] = [errorItem(error as Error, itemIndex)];
		}
	}
	if (jobs.length === 0) return results.flat();
	noteEachItem(jobs);

	const concurrency = await concurrencyFor(this, api, operation, jobs);
	// Wait for Completion cannot take an expression, so every item waits the same way.
	const { waiting } = jobs[0];
	if (waiting.pausesExecution) {
		return await pauseForCallbacks(this, api, operation, jobs, results, concurrency);
	}
	const cleanup: CleanupAccess | undefined = waiting.holdsJobs
		? await prepareCleanupAccess.call(this, api.endpoint)
		: undefined;
	const cancelSignal = executionCancelSignal(this);
	let firstFailure: Error | undefined;

	await forEachConcurrently(jobs, concurrency, async (job) => {
		if (firstFailure || cancelSignal?.aborted) return;
		try {
			results[job.itemIndex] = await finishJob(this, operation, job, cleanup);
		} catch (error) {
			if (continueOnFail && !cancelSignal?.aborted) {
				results[job.itemIndex] = [errorItem(error as Error, job.itemIndex)];
			} else {
				firstFailure ??= error as Error;
			}
		}
	});

	if (firstFailure) throw withFinishedJobs(firstFailure, results);
	return results.flat();
}
