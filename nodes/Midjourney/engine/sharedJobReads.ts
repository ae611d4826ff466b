import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Job } from './job';
import { isFinal } from './job';

/** How long a final job's read serves the other callbacks of its execution. */
const SHARED_MS = 30_000;

interface SharedRead {
	at: number;
	job: Promise<Job | undefined>;
}

/** Reads in flight, and final jobs read, per execution and node: a short-lived cache only. */
const reads = new Map<string, SharedRead>();

function keyOf(context: IExecuteFunctions | IWebhookFunctions, jobid: string): string | undefined {
	try {
		return `${context.getExecutionId()}\u0000${context.getNode().id}\u0000${jobid}`;
	} catch {
		return undefined;
	}
}

/**
 * One read of a job shared by the callbacks of one paused execution in this process. The jobs
 * of a last round end together, and each of their callbacks re-reads the whole batch: inside
 * n8n's webhook handling a read takes tens of milliseconds, so 3 callbacks × 60 jobs held the
 * resume for seconds. A read in flight is shared, and a final job (which never changes again)
 * is kept for a few seconds; a running job is read anew. Keyed by execution and node, so no
 * other execution (or credential) ever sees the answer.
 */
export async function sharedJobRead(
	context: IExecuteFunctions | IWebhookFunctions,
	jobid: string,
	read: () => Promise<Job | undefined>,
): Promise<Job | undefined> {
	const key = keyOf(context, jobid);
	if (key === undefined) return await read();
	const now = Date.now();
	for (const [other, entry] of reads) if (now - entry.at > SHARED_MS) reads.delete(other);
	const shared = reads.get(key);
	if (shared) return await shared.job;
	const job = read();
	reads.set(key, { at: now, job });
	const forget = () => reads.delete(key);
	job.then((found) => (found && isFinal(found.status) ? undefined : forget()), forget);
	return await job;
}
