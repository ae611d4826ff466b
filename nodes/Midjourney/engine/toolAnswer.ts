import type { IDataObject } from 'n8n-workflow';

import type { Job } from './job';
import { isFinal } from './job';
import type { MediaFile } from './jobMedia';
import { mediaUrls } from './jobMedia';

/**
 * What an AI Agent's model receives from the node run as a tool: per job a compact answer
 * (at most about 1.5 kB) with what the model can use and what to do next. Never the API's own
 * job (Discord message fields, the request with its reply URL and reference), never binary data.
 */

/** The prompt as sent is echoed for the model, cut so a long prompt cannot swell the answer. */
const PROMPT_CHARS = 300;

const RUNNING_NEXT =
	'The job is running and takes about a minute: call the Get Job tool (operation Get) with this jobid in about a minute to get its images.';

/** Where the result is, in the order a model should look: files, then a verb's own answer. */
const RESULT_FIELDS = ['imageUrls', 'videoUrls', 'gridUrl', 'prompts', 'seed'];

function nextStep(job: Job, answer: IDataObject): string {
	if (!isFinal(job.status)) return RUNNING_NEXT;
	const shown = RESULT_FIELDS.find((field) => {
		const value = answer[field];
		return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
	});
	const done = shown ? `Done: show the ${shown} to the user.` : 'Done.';
	const buttons = answer.buttons as string[] | undefined;
	return buttons && buttons.length > 0
		? `${done} To upscale, vary or extend a result, use one of the buttons on this jobid (the Button operation, or the operation the button names); that starts a new paid job.`
		: done;
}

/** A failed or moderated job read back (Job → Get): its own error, and what to do. */
function failureOf(job: Job): { message: string; description: string } | undefined {
	if (job.status !== 'failed' && job.status !== 'moderated') return undefined;
	const reason = [job.error, job.errorDetails].filter(Boolean).join(': ');
	return {
		message: `Job ${job.status}${reason ? `: ${reason}` : ''}`,
		description:
			job.status === 'moderated'
				? 'Rephrase the prompt following the Midjourney community guidelines and create a new job.'
				: 'Nothing was charged for the result; fix what the error names and create a new job.',
	};
}

function cut(text: unknown): string | null {
	if (typeof text !== 'string') return null;
	return text.length > PROMPT_CHARS ? `${text.slice(0, PROMPT_CHARS - 1)}…` : text;
}

/** The fields worth a model's tokens, leaving out empty lists. */
function compact(fields: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(
			([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0),
		),
	);
}

/**
 * One job as a tool answers it. `failure` is a failed or moderated job's error (its message and
 * what to do); `summary` the verb's own fields (a describe's prompts, a seed); `notes` the
 * prompt check's warnings.
 */
export function toolAnswer(
	job: Job,
	{
		summary = {},
		notes = {},
		failure,
		reusedExisting = false,
	}: {
		summary?: IDataObject;
		notes?: IDataObject;
		failure?: { message: string; description?: string | null };
		reusedExisting?: boolean;
	} = {},
): IDataObject {
	failure ??= failureOf(job);
	const buttons = job.response?.buttons ?? [];
	const answer = compact({
		jobid: job.jobid,
		status: job.status,
		prompt: cut(job.request?.prompt) ?? undefined,
		...mediaUrls(job),
		buttons: job.status === 'completed' ? buttons : undefined,
		...summary,
		warnings: notes.promptWarnings,
		reusedExistingJob: reusedExisting || undefined,
		error: failure?.message,
	});
	const next = failure ? (failure.description ?? undefined) : nextStep(job, answer);
	return next ? { ...answer, next } : answer;
}

/** One Item per Image, as a tool: an entry per file (its url and index), not copies of the job. */
export function toolAnswerPerFile(job: Job, files: MediaFile[]): IDataObject[] {
	return files.map((file, index) => ({
		jobid: job.jobid,
		index: index + 1,
		kind: file.kind,
		url: file.url,
	}));
}
