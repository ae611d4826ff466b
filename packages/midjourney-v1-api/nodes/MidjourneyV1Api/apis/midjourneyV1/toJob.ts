import type { IDataObject } from 'n8n-workflow';

import type { Job, JobStatus, MediaLink } from '../../engine/job';

/** A job as the /v1 API returns it (GET /v1/jobs/{jobId}, the list, webhooks, cancel). */
export interface V1Job extends IDataObject {
	id: string;
	type?: string;
	status: 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
	progress?: number;
	prompt?: string | null;
	parameters?: IDataObject | null;
	result?: { images?: V1Image[]; prompts?: string[] } | null;
	error?: { code?: string; message?: string } | null;
	created_at?: string;
	updated_at?: string;
	completed_at?: string | null;
}

interface V1Image {
	url?: string;
	index?: number | null;
	width?: number;
	height?: number;
}

export function isV1Job(value: unknown): value is V1Job {
	const job = value as V1Job;
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof job.id === 'string' &&
		typeof job.status === 'string'
	);
}

function statusOf(job: V1Job): JobStatus {
	switch (job.status) {
		case 'pending':
			return 'created';
		case 'in_progress':
			return job.progress ? 'progress' : 'started';
		case 'completed':
			return 'completed';
		default:
			return 'failed';
	}
}

/**
 * The engine's files of a job: the grid (index null) as the first attachment and the single
 * images (index 1–4) as imageUx; an upscale's one image (index null, no grid) is its image1.
 */
function media(job: V1Job): IDataObject {
	const images = (job.result?.images ?? []).filter((image) => typeof image.url === 'string');
	const singles: MediaLink[] = images
		.filter((image) => typeof image.index === 'number')
		.map((image) => ({ id: image.index as number, url: image.url as string }));
	const unindexed = images.filter((image) => typeof image.index !== 'number');
	if (singles.length === 0) {
		return { imageUx: unindexed.map((image, i) => ({ id: i + 1, url: image.url as string })) };
	}
	const grid = unindexed.map(({ url, width, height }) => ({ url, width, height }));
	return { attachments: grid, imageUx: singles };
}

function failure(job: V1Job): Pick<Job, 'error' | 'errorDetails'> {
	if (job.status === 'cancelled') return { error: 'Job cancelled' };
	if (job.status !== 'failed') return {};
	return { error: job.error?.message ?? 'Job failed', errorDetails: job.error?.code };
}

/**
 * A /v1 job in the engine's shape: pending → created, in_progress → started/progress,
 * cancelled → failed ("Job cancelled"). `source` keeps the job as the API sent it, which is what
 * the node outputs (beside the fields every API's output shares).
 */
export function toJob(body: unknown): Job | undefined {
	if (!isV1Job(body)) return undefined;
	const progress = statusOf(body) === 'completed' ? 100 : body.progress;
	return {
		jobid: body.id,
		verb: body.type,
		jobType: 'image',
		status: statusOf(body),
		created: body.created_at,
		updated: body.updated_at,
		request: { prompt: body.prompt ?? undefined, ...(body.parameters ?? {}) },
		response: {
			...(typeof progress === 'number' ? { progress_percent: progress } : {}),
			...media(body),
			...(body.result?.prompts ? { prompts: body.result.prompts } : {}),
		},
		...failure(body),
		source: body,
	};
}
