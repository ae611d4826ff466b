import type { IDataObject } from 'n8n-workflow';

import type { Job, JobStatus, MediaLink } from '../../engine/job';

/** Legnext's task object (create answer, GET /api/v1/job/{id}, callback `data`), facts sheet §4. */
export interface LegnextTask extends IDataObject {
	job_id: string;
	model?: string;
	task_type?: string;
	status: string;
	config?: IDataObject | null;
	input?: IDataObject | null;
	output?: IDataObject | null;
	meta?: {
		created_at?: string;
		started_at?: string;
		ended_at?: string;
		usage?: { type?: string; frozen?: number; consume?: number };
	} | null;
	error?: { code?: number; raw_message?: string; message?: string } | null;
}

export function isLegnextTask(value: unknown): value is LegnextTask {
	const task = value as LegnextTask;
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof task.job_id === 'string' &&
		task.job_id !== '' &&
		typeof task.status === 'string'
	);
}

/** Task types whose result is one image or one video, not a grid. */
const SINGLE_RESULT = new Set(['upscale', 'remove-background', 'enhance', 'video-upscale']);
const VIDEO_TYPES = new Set(['video-diffusion', 'extend-video', 'video-upscale']);
const TEXT_TYPES = new Set(['describe', 'shorten']);

/**
 * Legnext's statuses in the engine's words: pending → created (queued, points frozen); staged,
 * processing and anything unknown (the `retry` a third party reports, older `running`/`queued`)
 * → started, never final; completed; failed.
 */
function statusOf(task: LegnextTask): JobStatus {
	switch (task.status) {
		case 'pending':
		case 'queued':
			return 'created';
		case 'completed':
			return 'completed';
		case 'failed':
			return 'failed';
		default:
			return 'started';
	}
}

/** Empty rather than absent (§4): "", null, code 0 and year-1 times mean "not set". */
const isSet = (value: unknown): value is string => typeof value === 'string' && value !== '';

const timeOf = (value: unknown) => (isSet(value) && !value.startsWith('0001-') ? value : undefined);

function urlList(value: unknown): string[] {
	if (isSet(value)) return [value];
	if (!Array.isArray(value)) return [];
	return value.filter(isSet);
}

const links = (urls: string[]): MediaLink[] => urls.map((url, i) => ({ id: i + 1, url }));

/**
 * Where a video task's files are: `video_urls` / `video_url` if present (the simulator's
 * reading); the facts sheet names no field (open question 1), so otherwise any list of URLs in
 * `output` that look like videos, then the image fields.
 */
function videoUrls(output: IDataObject): string[] {
	const named = [...urlList(output.video_urls), ...urlList(output.videos)];
	if (named.length > 0) return [...new Set(named)];
	if (isSet(output.video_url)) return [output.video_url];
	for (const value of Object.values(output)) {
		const urls = urlList(value).filter((url) => /^https?:\/\/\S+\.(mp4|webm|mov)(\?|$)/i.test(url));
		if (urls.length > 0) return urls;
	}
	const images = urlList(output.image_urls);
	return images.length > 0 ? images : urlList(output.image_url);
}

/**
 * Describe's and shorten's texts: `prompts` if present (the simulator's reading); the facts
 * sheet names no field (open question 1), so otherwise the first list of non-URL strings, or a
 * text field split into lines.
 */
export function promptsOf(output: IDataObject | null | undefined): string[] {
	if (!output) return [];
	const notUrl = (value: string) => !/^https?:\/\//i.test(value);
	for (const key of ['prompts', 'descriptions', 'shortened_prompts', 'texts']) {
		const list = urlList(output[key]).filter(notUrl);
		if (list.length > 0) return list;
	}
	for (const value of Object.values(output)) {
		if (Array.isArray(value)) {
			const list = urlList(value).filter(notUrl);
			if (list.length > 0) return list;
		}
	}
	for (const key of ['prompt', 'text', 'content', 'description']) {
		const value = output[key];
		if (isSet(value))
			return value
				.split(/\n+/)
				.map((line) => line.trim())
				.filter(Boolean);
	}
	return [];
}

/**
 * The engine's files. A grid task: `image_url` is the grid, `image_urls` the four images
 * (index 0–3 → image1–image4). A single image (upscale…): `image_urls` when it lists it, else
 * `image_url` (the upscale's shape is open question 2). Videos: see videoUrls.
 */
function media(task: LegnextTask): IDataObject {
	const output = task.output ?? {};
	const type = String(task.task_type ?? '');
	if (VIDEO_TYPES.has(type)) return { videoUx: links(videoUrls(output)) };
	if (TEXT_TYPES.has(type)) return {};
	const singles = urlList(output.image_urls);
	if (SINGLE_RESULT.has(type)) {
		return { imageUx: links(singles.length > 0 ? singles.slice(0, 1) : urlList(output.image_url)) };
	}
	const grid = urlList(output.image_url).map((url) => ({ url }));
	return { attachments: grid, imageUx: links(singles) };
}

/** `available_actions` as labels: "upscale 1" … "variation 4", "pan 2", "reroll" (1-based). */
export function actionLabels(task: LegnextTask): string[] {
	const actions = (task.output?.available_actions ?? {}) as IDataObject;
	const labels: string[] = [];
	for (const [action, value] of Object.entries(actions)) {
		if (value === true) labels.push(action);
		if (Array.isArray(value)) {
			for (const index of value)
				if (typeof index === 'number') labels.push(`${action} ${index + 1}`);
		}
	}
	return labels;
}

function failure(task: LegnextTask): Pick<Job, 'error' | 'errorDetails' | 'code'> {
	if (task.status !== 'failed') return {};
	const error = task.error ?? {};
	const message = [error.message, error.raw_message].find(isSet) ?? 'Job failed';
	const code = typeof error.code === 'number' && error.code !== 0 ? error.code : undefined;
	return { error: message, ...(code ? { errorDetails: `code ${code}`, code } : {}) };
}

/**
 * A Legnext task in the engine's shape. `source` keeps the task as Legnext sent it, which is
 * what the node outputs in full (with meta.usage: the points frozen and consumed).
 */
export function toJob(body: unknown): Job | undefined {
	const task = (body as { data?: unknown })?.data;
	if (!isLegnextTask(body)) return isLegnextTask(task) ? toJob(task) : undefined;
	const type = String(body.task_type ?? '');
	const status = statusOf(body);
	const prompts = TEXT_TYPES.has(type) ? promptsOf(body.output) : [];
	const input = body.input ?? {};
	const prompt = [input.text, input.prompt, input.remixPrompt].find(isSet);
	return {
		jobid: body.job_id,
		verb: type || undefined,
		jobType: VIDEO_TYPES.has(type) ? 'video' : 'image',
		status,
		created: timeOf(body.meta?.created_at),
		updated: timeOf(body.meta?.ended_at) ?? timeOf(body.meta?.started_at),
		request: { ...input, ...(prompt ? { prompt } : {}) },
		response: {
			...(status === 'completed' ? { progress_percent: 100 } : {}),
			...media(body),
			buttons: actionLabels(body),
			...(prompts.length > 0 ? { prompts } : {}),
		},
		...failure(body),
		source: body,
	};
}
