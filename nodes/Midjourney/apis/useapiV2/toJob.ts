import type { IDataObject } from 'n8n-workflow';

import type { Job, JobStatus } from '../../engine/job';

/**
 * A job as the v2 API returns it: the imagine answer, GET /v2/jobs/?jobid=, a replyUrl callback,
 * and the bodies of refusals that still created a job (422 moderated, 504 queued, 596).
 */
export interface V2Job extends IDataObject {
	jobid: string;
	verb?: string;
	status: string;
	created?: string;
	updated?: string;
	prompt?: string;
	discord?: string;
	channel?: string;
	server?: string;
	maxJobs?: number;
	replyUrl?: string;
	replyRef?: string;
	messageId?: string;
	content?: string;
	timestamp?: string;
	attachments?: IDataObject[];
	buttons?: string[];
	error?: string;
	errorDetails?: string;
	code?: number;
}

export function isV2Job(value: unknown): value is V2Job {
	const job = value as V2Job;
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof job.jobid === 'string' &&
		job.jobid !== '' &&
		typeof job.status === 'string'
	);
}

const SAME_STATUSES: JobStatus[] = [
	'created',
	'started',
	'progress',
	'completed',
	'moderated',
	'failed',
];

/**
 * The document's Model lists started | moderated | failed (the submit's answer); reads go on to
 * progress and completed. A status it does not name is failed when it is cancelled or the job
 * carries an error, else still running: the Timeout bounds the wait.
 */
function statusOf(job: V2Job): JobStatus {
	if (SAME_STATUSES.includes(job.status as JobStatus)) return job.status as JobStatus;
	return job.status === 'cancelled' || job.error ? 'failed' : 'started';
}

/**
 * Progress is only in Midjourney's message: "**prompt** - <@user> (50%) (fast)". Read after the
 * prompt's closing "**", so a percentage inside the prompt itself does not count.
 */
export function progressOf(content: string | undefined): number | undefined {
	if (typeof content !== 'string') return undefined;
	const promptEnd = content.lastIndexOf('**');
	const afterPrompt = promptEnd < 0 ? content : content.slice(promptEnd + 2);
	const percent = /\((\d{1,3})%\)/.exec(afterPrompt)?.[1];
	return percent === undefined ? undefined : Math.min(100, Number(percent));
}

function defined(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function failure(job: V2Job, status: JobStatus): Pick<Job, 'error' | 'errorDetails' | 'code'> {
	const fallback = job.status === 'cancelled' ? 'Job cancelled' : `Job ${status}`;
	const error = job.error ?? fallback;
	return {
		error,
		...(job.errorDetails ? { errorDetails: job.errorDetails } : {}),
		...(typeof job.code === 'number' ? { code: job.code } : {}),
	};
}

/**
 * A v2 job in the engine's shape. The request's fields sit at the top of a v2 job (prompt,
 * channel, replyRef…); the results are Midjourney's message (content), the grid as the one
 * Discord attachment, and the buttons. `source` keeps the job as the API sent it, which is what
 * the node outputs (beside the fields every API's output shares).
 */
export function toJob(body: unknown): Job | undefined {
	if (!isV2Job(body)) return undefined;
	const status = statusOf(body);
	const progress = status === 'completed' ? 100 : progressOf(body.content);
	const failed = status === 'failed' || status === 'moderated';
	return {
		jobid: body.jobid,
		verb: body.verb ?? 'imagine',
		jobType: 'image',
		status,
		created: body.created,
		updated: body.updated,
		request: defined({
			prompt: body.prompt,
			channel: body.channel,
			server: body.server,
			maxJobs: body.maxJobs,
			replyUrl: body.replyUrl,
			replyRef: body.replyRef,
		}),
		response: defined({
			content: body.content,
			progress_percent: progress,
			attachments: Array.isArray(body.attachments) ? body.attachments : undefined,
			buttons: Array.isArray(body.buttons) ? body.buttons : undefined,
		}),
		...(failed ? failure(body, status) : {}),
		source: body,
	};
}

/** The grid's URL, lifted into the output: a v2 job's only image, which imageUrls (single images) does not list. */
export function gridUrl(job: Job): IDataObject {
	const url = job.response?.attachments?.[0]?.url;
	return typeof url === 'string' && url !== '' ? { gridUrl: url } : {};
}
