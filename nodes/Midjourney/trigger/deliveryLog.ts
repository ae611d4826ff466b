import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Job } from '../engine/job';
import { isFinal } from '../engine/job';

/**
 * How the Trigger recognises a repeated event. A job's status only moves forward (created,
 * started, progress by percent, then one final status), so the node remembers, per job, how far
 * the last event it started an execution for had got; an event that is not further is a replay,
 * whenever it comes. The memory is the node's workflow static data, which n8n keeps in its
 * database: it survives restarts. n8n sets no size limit on static data, but loads and saves it
 * with the workflow on every callback, so it is bounded: the most recent REMEMBERED_JOBS jobs,
 * each for at most REMEMBER_DAYS (useapi.net keeps jobs 62 days).
 */
export const REMEMBERED_JOBS = 5000;
export const REMEMBER_DAYS = 62;

const MEMORY_KEY = 'handledJobs';
/** The 200-event log of earlier versions, dropped on the next save. */
const FORMER_LOG_KEY = 'startedEvents';
const DAY_MS = 86_400_000;
/** A remembered job is day × STAGES + stage. */
const STAGES = 1000;
const FINAL_STAGE = 103;

/** What makes an event, for the per-process claim: the job, its status, a progress's percent. */
export function eventKey(job: Job): string {
	const key = `${job.jobid}#${job.status}`;
	return job.status === 'progress' ? `${key}@${job.response?.progress_percent ?? '?'}` : key;
}

/** How far a job has got: created 0, started 1, progress 2–102 by percent, final 103. */
export function stageOf(job: Job): number {
	if (isFinal(job.status)) return FINAL_STAGE;
	if (job.status !== 'progress') return job.status === 'created' ? 0 : 1;
	const percent = Number(job.response?.progress_percent);
	return 2 + (Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.floor(percent))) : 0);
}

/** The memory as stored; an entry that is not a number counts as never handled, and is pruned. */
function memoryOf(staticData: IDataObject): Record<string, unknown> {
	const stored = staticData[MEMORY_KEY];
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
	return stored as Record<string, unknown>;
}

/** Whether an execution was started for this job at this stage or a later one. */
export function alreadyHandled(staticData: IDataObject, jobKey: string, stage: number): boolean {
	const remembered = memoryOf(staticData)[jobKey];
	return typeof remembered === 'number' && remembered % STAGES >= stage;
}

/**
 * Remembers the job's stage, last in order, and forgets the jobs beyond the bound, oldest first.
 * The memory is changed in place (a copy per callback would cost O(jobs) each time), then
 * assigned again, so n8n's change tracking sees it. n8n saves static data changed by webhook()
 * once it has handled the request (LiveWebhooks → WorkflowStaticDataService).
 */
export function rememberHandled(staticData: IDataObject, jobKey: string, stage: number): void {
	const today = Math.floor(Date.now() / DAY_MS);
	const memory = memoryOf(staticData);
	delete memory[jobKey];
	memory[jobKey] = today * STAGES + stage;
	let count = Object.keys(memory).length;
	for (const key in memory) {
		const day = Math.floor(Number(memory[key]) / STAGES);
		if (count <= REMEMBERED_JOBS && today - day <= REMEMBER_DAYS) break;
		delete memory[key];
		count--;
	}
	staticData[MEMORY_KEY] = memory;
	delete staticData[FORMER_LOG_KEY];
}

/**
 * rememberHandled for a request that starts an execution. In n8n 2.30.8, WorkflowRunner.run()
 * first builds a Workflow over the very same static data object, and that resets its change
 * flag, so LiveWebhooks then skips saving it: the memory would only be saved while the
 * workflow's static data was still empty (null in the database). run() awaits database (or
 * queue) I/O before n8n saves, so marking it again on the next timer turn lands in between and
 * the save happens. Should that window ever be missed, the result is only what n8n does without
 * this: the entry is not saved.
 */
export function rememberHandledForExecution(
	staticData: IDataObject,
	jobKey: string,
	stage: number,
): void {
	rememberHandled(staticData, jobKey, stage);
	void sleep(0).then(() => rememberHandled(staticData, jobKey, stage));
}
