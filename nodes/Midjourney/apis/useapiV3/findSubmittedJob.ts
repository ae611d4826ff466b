import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toNodeError } from '../../helpers/nodeError';
import { sleepUnlessAborted } from '../../helpers/sleepUnlessAborted';
import { apiRequest, executionCancelSignal, isSuccess } from '../../transport/apiRequest';
import { jobPath } from './jobPath';
import { knownJobIds } from '../../engine/createdJobs';
import type { Deadline } from '../../engine/Deadline';
import type { Job } from '../../engine/job';
import { isJob } from '../../engine/job';
import type { PreparedJob } from '../../engine/JobOperation';
import { useapiV3Endpoint } from './endpoint';

/** A lost submit's job shows up within moments, if it was created at all. */
const LOOKS = 3;
const PAUSE_BETWEEN_LOOKS_MS = 1000;
const READ_TIMEOUT_MS = 5000;
/** Clocks of this n8n and of useapi.net may differ a little. */
const CLOCK_SKEW_MS = 30_000;
/** Running jobs read per look, at most: candidates are the newest first. */
const MAX_CANDIDATES = 12;

interface RunningJob {
	jobId?: string;
	created?: string;
}

async function runningJobsSince(
	context: IExecuteFunctions,
	since: number,
	itemIndex: number,
): Promise<string[]> {
	const list = await apiRequest.call(
		context,
		useapiV3Endpoint,
		'GET',
		'/jobs',
		{ timeoutMs: READ_TIMEOUT_MS },
		itemIndex,
	);
	if (!isSuccess(list.statusCode)) return [];
	const channels = ((list.body as IDataObject)?.channels ?? {}) as Record<string, IDataObject>;
	return Object.values(channels)
		.flatMap((channel) => (channel.jobs ?? []) as RunningJob[])
		.filter((job) => typeof job.jobId === 'string' && Date.parse(job.created ?? '') >= since)
		.sort((a, b) => Date.parse(b.created ?? '') - Date.parse(a.created ?? ''))
		.slice(0, MAX_CANDIDATES)
		.map((job) => job.jobId as string);
}

async function readJob(context: IExecuteFunctions, jobid: string, itemIndex: number) {
	const read = await apiRequest.call(
		context,
		useapiV3Endpoint,
		'GET',
		jobPath(jobid),
		{ timeoutMs: READ_TIMEOUT_MS },
		itemIndex,
	);
	return isJob(read.body) ? read.body : undefined;
}

/** Did this job come from the lost request? The API echoes the request in `job.request`. */
function cameFrom(job: Job, prepared: PreparedJob, replyRef: string): boolean {
	const echo = job.request ?? {};
	if (job.verb !== undefined && job.verb !== prepared.operation.verb) return false;
	if (echo.replyRef !== replyRef) return false;
	// A replyRef the user set may be shared by many items: the prompt must match too.
	const prompt = prepared.request.body.prompt;
	return prompt === undefined || echo.prompt === undefined || echo.prompt === prompt;
}

async function lookOnce(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	replyRef: string,
	since: number,
): Promise<Job[]> {
	const matches: Job[] = [];
	const othersJobs = knownJobIds(context);
	for (const jobid of await runningJobsSince(context, since, prepared.itemIndex)) {
		// A job another item of this run already follows came from that item's request.
		if (othersJobs.has(jobid)) continue;
		const job = await readJob(context, jobid, prepared.itemIndex);
		if (job && cameFrom(job, prepared, replyRef)) matches.push(job);
	}
	return matches;
}

/**
 * After a submit whose answer was lost, looks among the running jobs (GET /jobs, free) for the
 * one it created: created since the submit began, with this item's replyRef (and prompt) in its
 * request echo. Returns it only when exactly one job matches; undefined when none does (never
 * created, or already finished, which GET /jobs no longer lists).
 */
export async function findSubmittedJob(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	replyRef: string,
	submittedAt: number,
	deadline: Deadline,
): Promise<Job | undefined> {
	const since = submittedAt - CLOCK_SKEW_MS;
	for (let look = 0; look < LOOKS; look++) {
		try {
			const matches = await lookOnce(context, prepared, replyRef, since);
			if (matches.length === 1) return matches[0];
			if (matches.length > 1) return undefined;
		} catch (error) {
			if (executionCancelSignal(context)?.aborted) {
				throw toNodeError(context.getNode(), error, prepared.itemIndex);
			}
			// An unreachable API now is the same as nothing found: the error says where to look.
		}
		if (look === LOOKS - 1 || deadline.remainingMs() < PAUSE_BETWEEN_LOOKS_MS) break;
		await sleepUnlessAborted(PAUSE_BETWEEN_LOOKS_MS, executionCancelSignal(context));
	}
	return undefined;
}
