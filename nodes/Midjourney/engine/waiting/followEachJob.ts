import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem } from '../../helpers/errorItem';
import { executionCancelSignal } from '../../transport/apiRequest';
import type { CleanupAccess } from '../../transport/cleanupAfterCancel';
import { prepareCleanupAccess } from '../../transport/cleanupAfterCancel';
import { forEachConcurrently } from '../forEachConcurrently';
import { jobItems } from '../jobItems';
import type { JobOperation, PreparedJob } from '../JobOperation';
import { runJob } from '../runJob';
import { BatchPace } from './batchPace';
import type { Batch } from './Waiting';

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
 * The node follows each job itself (Stream, Poll, Don't Wait), up to `concurrency` at once.
 * When it `holdsJobs` (stays with them until they end), a stopped execution cancels them, and
 * they share one pacing model (BatchPace: the capacity a 429 reveals, how long the jobs take).
 */
export async function followEachJob(
	{ context, api, operation, jobs, results, concurrency }: Batch,
	{ holdsJobs }: { holdsJobs: boolean },
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const cleanup = holdsJobs ? await prepareCleanupAccess.call(context, api.endpoint) : undefined;
	const cancelSignal = executionCancelSignal(context);
	let firstFailure: Error | undefined;
	if (holdsJobs) {
		const pace = new BatchPace(concurrency);
		for (const job of jobs) job.pace = pace;
	}

	await forEachConcurrently(jobs, concurrency, async (job) => {
		if (firstFailure || cancelSignal?.aborted) return;
		try {
			results[job.itemIndex] = await finishJob(context, operation, job, cleanup);
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
