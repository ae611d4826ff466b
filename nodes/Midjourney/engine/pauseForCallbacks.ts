import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../helpers/errorItem';
import { prepareCleanupAccess } from '../transport/cleanupAfterCancel';
import { toNodeError } from '../helpers/nodeError';
import { encodeLedger, LEDGER_KEYS, LedgerFullError, ledgerKeyPrefix } from './callbackLedger';
import { forEachConcurrently } from './forEachConcurrently';
import { isFinal } from './job';
import type { JobOperation, PreparedJob } from './JobOperation';
import { readJobsIfAllFinal } from './readJobsIfAllFinal';
import { jobItems } from './jobItems';
import type { JobRun } from './runJob';
import { runJob } from './runJob';

const SAMPLE_JOB_ID = 'j1121063659809338026i-u12345-c1234567890123456789-bot:midjourney';

function maxItems(): number {
	let count = 1;
	for (;;) {
		try {
			encodeLedger(Array.from({ length: count + 1 }, () => SAMPLE_JOB_ID));
			count++;
		} catch {
			return count;
		}
	}
}

/**
 * Pause Until Callback: submits every item's job with this execution's resume URL as replyUrl
 * (replyLevel minimal) and puts the execution to wait. n8n stores the waiting execution, so
 * nothing is held open and a restart does not lose it; resumeFromCallback continues it once
 * every job is final. If Options → Timeout passes first, n8n resumes without calling the node
 * and the next node receives the items returned here: one per job, marked timedOut.
 */
export async function pauseForCallbacks(
	context: IExecuteFunctions,
	operation: JobOperation,
	jobs: PreparedJob[],
	results: INodeExecutionData[][],
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	if (results.length > maxItems()) {
		throw new NodeOperationError(
			node,
			`Pause Until Callback can wait for at most ${maxItems()} items in one execution (got ${results.length})`,
			{
				description:
					'Split the batch with Loop Over Items, or use Wait for Completion → Stream Progress.',
			},
		);
	}
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	const submitted: Array<JobRun | undefined> = results.map(() => undefined);
	const cleanup = await prepareCleanupAccess.call(context);
	// Only the last round pauses: with more items than free slots, the earlier rounds follow
	// their jobs by stream, so each lane submits its next job the moment a slot frees instead of
	// hammering the API with 429s, and the execution pauses with the final round in flight.
	const firstPaused = Math.max(0, jobs.length - concurrency);
	let firstFailure: Error | undefined;

	await forEachConcurrently(
		jobs.map((prepared, position) => ({ prepared, pauses: position >= firstPaused })),
		concurrency,
		async ({ prepared, pauses }) => {
			if (firstFailure) return;
			const routing = pauses
				? { ...prepared.settings.routing, replyUrl: resumeUrl, replyLevel: 'minimal' }
				: prepared.settings.routing;
			const settings = {
				...prepared.settings,
				waitMode: pauses ? ('none' as const) : ('stream' as const),
				routing,
			};
			try {
				submitted[prepared.itemIndex] = await runJob.call(
					context,
					{ ...prepared, settings },
					cleanup,
				);
			} catch (error) {
				if (continueOnFail)
					results[prepared.itemIndex] = [errorItem(error as Error, prepared.itemIndex)];
				else firstFailure ??= error as Error;
			}
			// A paused job keeps its slot until its callback: this lane submits nothing more.
			return !pauses;
		},
	);
	const jobIds = submitted.map((run) => run?.job.jobid ?? '');
	if (firstFailure) {
		const failure = toNodeError(node, firstFailure);
		const accepted = jobIds.filter(Boolean);
		if (accepted.length > 0) {
			failure.description =
				`${failure.description ?? ''} Jobs already accepted in this run (they keep running; read them with Job → Get): ${accepted.join(', ')}.`.trim();
		}
		throw failure;
	}

	// Jobs can be final already (a callback that comes before n8n stored the waiting execution
	// is refused by n8n): if all are, there is nothing to wait for.
	const settings = jobs[0].settings;
	const finished = await readJobsIfAllFinal(context, jobIds);
	if (finished) {
		for (const prepared of jobs) {
			const job = finished[prepared.itemIndex];
			if (!job) continue;
			const reusedExisting = submitted[prepared.itemIndex]?.reusedExisting ?? false;
			results[prepared.itemIndex] = await jobItems(
				context,
				node,
				operation,
				job,
				prepared.settings,
				prepared.itemIndex,
				{
					reusedExisting,
					failuresAsItems: true,
				},
			);
		}
		return results.flat();
	}

	let values: string[];
	try {
		values = encodeLedger(jobIds);
	} catch (error) {
		throw new NodeOperationError(node, (error as LedgerFullError).message, {
			description: 'Split the batch with Loop Over Items.',
		});
	}
	const prefix = ledgerKeyPrefix(node.id);
	for (let key = 0; key < LEDGER_KEYS; key++) {
		context.customData.set(`${prefix}${key}`, values[key] ?? '');
	}
	await context.putExecutionToWait(new Date(Date.now() + settings.timeoutMs));

	for (const prepared of jobs) {
		const run = submitted[prepared.itemIndex];
		if (!run) continue;
		if (isFinal(run.job.status)) {
			// Followed to the end before pausing: its result is known already.
			results[prepared.itemIndex] = await jobItems(
				context,
				node,
				operation,
				run.job,
				prepared.settings,
				prepared.itemIndex,
				{
					reusedExisting: run.reusedExisting,
					failuresAsItems: true,
				},
			);
			continue;
		}
		const { jobid, status } = run.job;
		results[prepared.itemIndex] = [
			{
				json: { jobid, status, timedOut: true, waitedSeconds: settings.timeoutMs / 1000 },
				pairedItem: { item: prepared.itemIndex },
			},
		];
	}
	return results.flat();
}
