import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { errorItem } from '../helpers/errorItem';
import { SUBMIT_FAILED } from './callbackLedger';
import { readLedger } from './pauseLedger';
import type { Job } from './job';
import { isFinal } from './job';
import type { JobOperation } from './JobOperation';
import { jobItems } from './jobItems';
import { readJobsIfAllFinal } from './readJobsIfAllFinal';
import { releaseJobs } from './sharedJobReads';
import type { PromptCheckMode } from '../prompt/checkPrompt';
import type { PromptNotes } from '../prompt/promptNotes';
import { promptNotesOfPrompts } from '../prompt/promptNotes';

/** The answer that keeps the execution waiting (n8n replies 200 "Webhook call received"). */
const KEEP_WAITING: IWebhookResponseData = {};

/**
 * Several jobs of one batch can finish together, and n8n lets only one of their callbacks resume
 * the execution (the others get HTTP 500). The callback of the job that finished last resumes;
 * every callback reads the same final states, so all agree which one that is, in any process.
 * Should that callback have been lost (refused before n8n stored the waiting execution), any
 * later callback resumes once the last job finished more than this long ago.
 */
const LOST_CALLBACK_GRACE_MS = 15_000;

function finishedAt(job: Job): number {
	return Date.parse(job.updated ?? job.created ?? '') || 0;
}

function resumesHere(callbackJobid: string, jobs: Array<Job | undefined>): boolean {
	const last = jobs
		.filter((job): job is Job => job !== undefined)
		.reduce<Job | undefined>((latest, job) => {
			if (!latest) return job;
			const [a, b] = [finishedAt(job), finishedAt(latest)];
			return a > b || (a === b && job.jobid > latest.jobid) ? job : latest;
		}, undefined);
	if (!last) return true;
	return last.jobid === callbackJobid || Date.now() - finishedAt(last) > LOST_CALLBACK_GRACE_MS;
}

/** The item of an entry without a job: its submit failed before the pause (Continue On Fail). */
function failedSubmitItem(entry: string, itemIndex: number) {
	const reason = entry.slice(SUBMIT_FAILED.length) || 'its submit failed before the pause';
	return errorItem(new Error(`This item's job was not submitted: ${reason}`), itemIndex);
}

/** The items' promptWarnings, checked again from the prompts the jobs were sent with. */
function notesAfterPause(
	context: IWebhookFunctions,
	api: JobApi,
	operation: JobOperation,
	jobs: Array<Job | undefined>,
): PromptNotes {
	const mode = context.getNodeParameter('promptCheck', 'strict') as PromptCheckMode;
	const prompts = jobs.map((job) => {
		const prompt = job?.request?.prompt;
		return operation.checksPrompt && typeof prompt === 'string' ? prompt : undefined;
	});
	return promptNotesOfPrompts(prompts, mode, api.discordAccounts);
}

/**
 * webhook() of a paused execution: useapi.net POSTs a job here on its final status. Every job
 * is re-read from the API (retried through transient failures; the callback's own job as a last
 * resort, since it came through the signed resume URL), and the execution resumes once, when
 * all of them are final, from the callback of the job that finished last.
 */
export async function resumeFromCallback(
	context: IWebhookFunctions,
	api: JobApi,
	operation: JobOperation,
): Promise<IWebhookResponseData> {
	const called = api.toJob(context.getBodyData() ?? {});
	const jobIds = readLedger(context, api.jobIds);
	if (!called || !jobIds.includes(called.jobid) || !isFinal(called.status)) {
		return KEEP_WAITING;
	}
	const jobs = await readJobsIfAllFinal(context, api, jobIds, called);
	if (!jobs || !resumesHere(called.jobid, jobs)) return KEEP_WAITING;
	releaseJobs(context, jobIds);

	const notes = notesAfterPause(context, api, operation, jobs);
	const items = [];
	for (const [itemIndex, job] of jobs.entries()) {
		if (!job) {
			items.push(failedSubmitItem(jobIds[itemIndex], itemIndex));
			continue;
		}
		items.push(
			...(await jobItems(context, api, operation, job, itemIndex, {
				failuresAsItems: true,
				notes: notes.of(itemIndex),
			})),
		);
	}
	return { workflowData: [items] };
}
