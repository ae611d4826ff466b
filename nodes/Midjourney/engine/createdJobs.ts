import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { runIndexOf } from './executionRun';
import type { PreparedJob } from './JobOperation';

/**
 * The jobs this node created in this execution, per run and item, kept in the node's execution
 * context (`getContext('node')`): n8n stores it with the execution and hands the same object to
 * every try of n8n's own Retry On Fail. A retry looks here first and follows the job an earlier
 * try created, so one item is never submitted (and paid for) twice in one execution.
 */
interface EarlierTry extends IDataObject {
	/** The job an earlier try created. */
	jobid?: string;
	/** When an earlier try's submit lost its answer: the job, if any, is still unknown. */
	lostAt?: number;
	/** A hash of what was submitted: a different request on the same item is a different job. */
	request: string;
}

const CONTEXT_KEY = 'createdJobs';

function triesOfThisRun(context: IExecuteFunctions): IDataObject {
	const nodeContext = context.getContext('node');
	const byRun = (nodeContext[CONTEXT_KEY] ??= {}) as IDataObject;
	return (byRun[String(runIndexOf(context))] ??= {}) as IDataObject;
}

/** A stable summary of the request, so a changed item is never mistaken for an earlier one. */
function requestSignature(prepared: PreparedJob): string {
	const hash = createHash('sha256');
	hash.update(JSON.stringify([prepared.operation.verb, prepared.request.body]));
	hash.update(String(prepared.settings.routing.channel ?? ''));
	for (const file of prepared.request.files ?? []) hash.update(file.field).update(file.identity);
	return hash.digest('hex').slice(0, 32);
}

function record(context: IExecuteFunctions, prepared: PreparedJob, entry: Partial<EarlierTry>) {
	const tries = triesOfThisRun(context);
	tries[String(prepared.itemIndex)] = { ...entry, request: requestSignature(prepared) };
}

export function rememberCreatedJob(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	jobid: string,
): void {
	record(context, prepared, { jobid });
}

export function rememberLostSubmit(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	submittedAt: number,
): void {
	record(context, prepared, { lostAt: submittedAt });
}

/** What an earlier try of this execution did for this item, if it submitted anything. */
export function earlierTryOf(
	context: IExecuteFunctions,
	prepared: PreparedJob,
): { jobid?: string; lostAt?: number } | undefined {
	const entry = triesOfThisRun(context)[String(prepared.itemIndex)] as EarlierTry | undefined;
	if (!entry || entry.request !== requestSignature(prepared)) return undefined;
	return { jobid: entry.jobid, lostAt: entry.lostAt };
}

/** Every job this run of the node already knows it created: never another item's lost job. */
export function knownJobIds(context: IExecuteFunctions): Set<string> {
	const tries = Object.values(triesOfThisRun(context)) as EarlierTry[];
	return new Set(tries.map((entry) => entry.jobid).filter((jobid): jobid is string => !!jobid));
}
