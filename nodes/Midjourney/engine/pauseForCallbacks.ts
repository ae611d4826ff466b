import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { errorItem } from '../helpers/errorItem';
import { toNodeError } from '../helpers/nodeError';
import { prepareCleanupAccess } from '../transport/cleanupAfterCancel';
import { abandonPausedBatch } from './abandonPausedBatch';
import { LedgerFullError, SUBMIT_FAILED, submitFailure } from './callbackLedger';
import { forEachConcurrently } from './forEachConcurrently';
import type { Job } from './job';
import { isFinal } from './job';
import { jobItems } from './jobItems';
import type { JobOperation, PreparedJob } from './JobOperation';
import { readJobsIfAllFinal } from './readJobsIfAllFinal';
import { holdFinalJobs } from './sharedJobReads';
import type { JobRun } from './runJob';
import { followSubmittedJob, runJob } from './runJob';
import { checkBatchFits, writeLedger } from './pauseLedger';
import { pauseWaiting } from './waiting/pauseWaiting';
import { streamWaiting } from './waiting/streamWaiting';
import type { Batch } from './waiting/Waiting';

/** What submitting the batch left: accepted jobs, failed items, the failure that stops it. */
interface Submitted {
	runs: Array<JobRun | undefined>;
	failures: Array<string | undefined>;
	firstFailure?: Error;
}

/**
 * Submits every item's job. Only the last round pauses: with more items than free slots, the
 * earlier rounds follow their jobs by stream, so each lane submits its next job the moment a
 * slot frees instead of hammering the API with 429s, and the execution pauses with the final
 * round in flight.
 */
async function submitAll(
	context: IExecuteFunctions,
	api: JobApi,
	jobs: PreparedJob[],
	size: number,
	concurrency: number,
): Promise<Submitted> {
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	const cleanup = await prepareCleanupAccess.call(context, api.endpoint);
	const continueOnFail = context.continueOnFail();
	const submitted: Submitted = { runs: Array(size).fill(undefined), failures: Array(size) };
	const firstPaused = Math.max(0, jobs.length - concurrency);
	await forEachConcurrently(
		jobs.map((prepared, position) => ({ prepared, pauses: position >= firstPaused })),
		concurrency,
		async ({ prepared, pauses }) => {
			if (submitted.firstFailure) return;
			const routing = pauses
				? { ...prepared.settings.routing, replyUrl: resumeUrl, replyLevel: 'minimal' }
				: prepared.settings.routing;
			const waiting = pauses ? pauseWaiting : streamWaiting;
			const settings = { ...prepared.settings, routing };
			try {
				submitted.runs[prepared.itemIndex] = await runJob.call(
					context,
					{ ...prepared, settings, waiting },
					cleanup,
				);
			} catch (error) {
				if (!continueOnFail) submitted.firstFailure ??= error as Error;
				submitted.failures[prepared.itemIndex] = (error as Error).message;
			}
			// A paused job keeps its slot until its callback: this lane submits nothing more.
			return !pauses;
		},
	);
	return submitted;
}

/**
 * Without Continue On Fail a failed submit stops the batch, as in Stream mode: nothing more is
 * submitted, the jobs already accepted are followed to their end (read, or cancelled at the
 * Timeout), and the error names those that completed.
 */
async function failAfterFollowing(
	context: IExecuteFunctions,
	jobs: PreparedJob[],
	submitted: Submitted,
): Promise<never> {
	const finished: Job[] = [];
	await forEachConcurrently(jobs, jobs.length, async (prepared) => {
		const run = submitted.runs[prepared.itemIndex];
		if (!run) return;
		try {
			const job = isFinal(run.job.status)
				? run.job
				: await followSubmittedJob.call(context, prepared, run.job.jobid);
			if (job.status === 'completed') finished.push(job);
		} catch {
			// Reported below by the batch's failure; this job was cancelled at its Timeout.
		}
	});
	const failure = toNodeError(context.getNode(), submitted.firstFailure);
	if (finished.length > 0) {
		const ids = finished.map((job) => job.jobid).join(', ');
		failure.description =
			`${failure.description ?? ''} Jobs that completed in this run (read them with Job → Get): ${ids}.`.trim();
	}
	throw failure;
}

/** Output items for jobs known to be final without waiting, in input order. */
async function itemsOf(
	context: IExecuteFunctions,
	api: JobApi,
	operation: JobOperation,
	jobs: PreparedJob[],
	submitted: Submitted,
	finalJobs: Array<Job | undefined>,
	results: INodeExecutionData[][],
): Promise<INodeExecutionData[]> {
	for (const prepared of jobs) {
		const job = finalJobs[prepared.itemIndex];
		if (!job) continue;
		results[prepared.itemIndex] = await jobItems(context, api, operation, job, prepared.itemIndex, {
			reusedExisting: submitted.runs[prepared.itemIndex]?.reusedExisting,
			failuresAsItems: true,
			notes: prepared.notes,
		});
	}
	return results.flat();
}

function ledgerWritten(context: IExecuteFunctions, api: JobApi, entries: string[]): boolean {
	try {
		writeLedger(context, api.jobIds, entries);
		return true;
	} catch (error) {
		if (error instanceof LedgerFullError) return false;
		throw toNodeError(context.getNode(), error);
	}
}

/**
 * Writes the ledger: each item's job id, or why its submit failed (Continue On Fail) when the
 * messages fit. When even the ids do not fit, the paid jobs are cancelled and named.
 */
async function keepLedger(
	context: IExecuteFunctions,
	api: JobApi,
	submitted: Submitted,
): Promise<void> {
	const entries = submitted.runs.map((run, index) => {
		const failure = submitted.failures[index];
		return run?.job.jobid ?? (failure === undefined ? '' : submitFailure(failure));
	});
	if (ledgerWritten(context, api, entries)) return;
	const withoutReasons = entries.map((entry) => (entry.startsWith(SUBMIT_FAILED) ? '' : entry));
	if (ledgerWritten(context, api, withoutReasons)) return;
	await abandonPausedBatch(
		context,
		api,
		submitted.runs,
		`the ids of its ${entries.length} jobs do not fit in the execution's custom data`,
	);
}

/**
 * Pause Until Callback: submits every item's job with this execution's resume URL as replyUrl
 * (replyLevel minimal) and puts the execution to wait. n8n stores the waiting execution, so
 * nothing is held open and a restart does not lose it; resumeFromCallback continues it once
 * every job is final. If Options → Timeout passes first, n8n resumes without calling the node
 * and the next node receives the items returned here: one per job, marked timedOut.
 */
export async function pauseForCallbacks(batch: Batch): Promise<INodeExecutionData[]> {
	const { context, api, operation, jobs, results, concurrency } = batch;
	checkBatchFits(context, api.jobIds, results.length);
	const submitted = await submitAll(context, api, jobs, results.length, concurrency);
	if (submitted.firstFailure) return await failAfterFollowing(context, jobs, submitted);
	for (const [itemIndex, message] of submitted.failures.entries()) {
		if (message !== undefined) results[itemIndex] = [errorItem(new Error(message), itemIndex)];
	}

	const settings = jobs[0].settings;
	const finalJobs = submitted.runs.flatMap((run) =>
		run && isFinal(run.job.status) ? [run.job] : [],
	);
	holdFinalJobs(context, finalJobs, settings.timeoutMs);

	// Jobs can be final already (a callback that comes before n8n stored the waiting execution
	// is refused by n8n): if all are, there is nothing to wait for.
	const jobIds = submitted.runs.map((run) => run?.job.jobid ?? '');
	const finished = await readJobsIfAllFinal(context, api, jobIds);
	if (finished) return await itemsOf(context, api, operation, jobs, submitted, finished, results);

	await keepLedger(context, api, submitted);
	await context.putExecutionToWait(new Date(Date.now() + settings.timeoutMs));

	// What the next node gets if the Timeout passes first (n8n then resumes without the node).
	const known = submitted.runs.map((run) => (run && isFinal(run.job.status) ? run.job : undefined));
	await itemsOf(context, api, operation, jobs, submitted, known, results);
	for (const prepared of jobs) {
		const run = submitted.runs[prepared.itemIndex];
		if (!run || isFinal(run.job.status)) continue;
		const { jobid, status } = run.job;
		results[prepared.itemIndex] = [
			{
				json: {
					jobid,
					status,
					timedOut: true,
					waitedSeconds: settings.timeoutMs / 1000,
					...prepared.notes,
				},
				pairedItem: { item: prepared.itemIndex },
			},
		];
	}
	return results.flat();
}
