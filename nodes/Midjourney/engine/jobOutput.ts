import type { IDataObject } from 'n8n-workflow';

import type { Job } from './job';
import { mediaUrls } from './jobMedia';
import { toolAnswer } from './toolAnswer';
import { answersAModel } from './toolRun';

function conveniences(job: Job): IDataObject {
	const response = job.response ?? {};
	return {
		progress: response.progress_percent ?? (job.status === 'completed' ? 100 : 0),
		...mediaUrls(job),
		buttons: response.buttons ?? [],
	};
}

/**
 * One output item's JSON. By default the job as the API returns it plus the fields most
 * workflows reach for; simplified, only those fields, for flows that just pass results on.
 */
export function jobOutput(job: Job, simplify = false, summary: IDataObject = {}): IDataObject {
	if (!simplify) {
		const full = job.source ?? job;
		return { ...full, jobid: job.jobid, ...conveniences(job), ...summary };
	}
	const error = [job.error, job.errorDetails].filter(Boolean).join(': ');
	return {
		jobid: job.jobid,
		verb: job.verb ?? null,
		status: job.status,
		prompt: job.request?.prompt ?? null,
		...conveniences(job),
		error: error || null,
		...summary,
	};
}

/** A job read back (Job → Get, Cancel, List): the full output, or as a tool the compact answer. */
export function jobOutputFor(context: object, job: Job, summary: IDataObject = {}): IDataObject {
	return answersAModel(context) ? toolAnswer(job, { summary }) : jobOutput(job, false, summary);
}
