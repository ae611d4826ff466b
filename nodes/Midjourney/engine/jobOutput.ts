import type { IDataObject } from 'n8n-workflow';

import type { Job } from './job';

export type OutputShape = 'raw' | 'simplified';

function conveniences(job: Job): IDataObject {
	const response = job.response ?? {};
	return {
		progress: response.progress_percent ?? (job.status === 'completed' ? 100 : 0),
		imageUrls: (response.imageUx ?? []).map((media) => media.url),
		videoUrls: (response.videoUx ?? []).map((media) => media.url),
		buttons: response.buttons ?? [],
	};
}

/**
 * One output item's JSON. Raw: the job as the API returns it plus the fields most workflows
 * reach for. Simplified: only those fields, for flows that just pass results on.
 */
export function jobOutput(
	job: Job,
	shape: OutputShape = 'raw',
	summary: IDataObject = {},
): IDataObject {
	if (shape === 'raw') return { ...job, ...conveniences(job), ...summary };
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
