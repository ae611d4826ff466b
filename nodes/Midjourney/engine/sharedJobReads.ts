import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { Job } from './job';
import { isFinal } from './job';

/** How long a final job's read serves the other callbacks of its execution. */
const SHARED_MS = 30_000;
/** The longest a paused batch's own final jobs are held for its callbacks, and how many at most. */
const HELD_MS = 60 * 60_000;
const MOST_ENTRIES = 5000;

interface SharedRead {
	expires: number;
	job: Promise<Job | undefined>;
}

/** Reads in flight, and final jobs known, per execution and node: a short-lived cache only. */
const reads = new Map<string, SharedRead>();

function keyOf(context: IExecuteFunctions | IWebhookFunctions, jobid: string): string | undefined {
	try {
		return `${context.getExecutionId()}\u0000${context.getNode().id}\u0000${jobid}`;
	} catch {
		return undefined;
	}
}

/** Drops what expired, and the oldest entries (Map keeps insertion order) beyond MOST_ENTRIES. */
function sweep(): void {
	const now = Date.now();
	for (const [key, { expires }] of reads) if (expires <= now) reads.delete(key);
	for (const key of reads.keys()) {
		if (reads.size <= MOST_ENTRIES) break;
		reads.delete(key);
	}
}

function keep(key: string, entry: SharedRead): void {
	reads.delete(key);
	reads.set(key, entry);
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
	const shared = reads.get(key);
	if (shared && shared.expires > Date.now()) return await shared.job;
	const job = read();
	const entry = { expires: Date.now() + SHARED_MS, job };
	keep(key, entry);
	sweep();
	const forget = () => reads.get(key) === entry && reads.delete(key);
	job.then((found) => (found && isFinal(found.status) ? undefined : forget()), forget);
	return await job;
}

/**
 * The final jobs a batch already has when it pauses (followed to their end with the key, by
 * stream or by reading), held for its callbacks until `forMs` (its Timeout) has passed. In n8n
 * 2.41 every read in a webhook also resolves the credential through the database and an
 * expression isolate, so re-reading 27 finished jobs of a 30-item batch held its resume for
 * over a second. A callback handled by another process (queue mode) reads them as before.
 */
export function holdFinalJobs(context: IExecuteFunctions, jobs: Job[], forMs: number): void {
	const expires = Date.now() + Math.min(forMs, HELD_MS);
	for (const job of jobs) {
		const key = keyOf(context, job.jobid);
		if (key !== undefined && isFinal(job.status)) keep(key, { expires, job: Promise.resolve(job) });
	}
	sweep();
}

/** The execution resumed: its jobs are not needed here any more. */
export function releaseJobs(context: IWebhookFunctions, jobIds: string[]): void {
	for (const jobid of jobIds) {
		const key = keyOf(context, jobid);
		if (key !== undefined) reads.delete(key);
	}
}
