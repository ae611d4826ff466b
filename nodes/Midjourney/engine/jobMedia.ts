import type { Job, MediaLink } from './job';

export interface MediaFile {
	/** Binary property name when a job's files share one item: grid, image1..4, video1..4. */
	property: string;
	url: string;
	kind: 'grid' | 'image' | 'video';
}

/**
 * Buttons whose result is one image (or, pressed on a video grid, one video) rather than a grid:
 * the upscales. The docs' U2 example completes with a single attachment and no imageUx.
 */
const SINGLE_RESULT_BUTTONS = /^(U[1-4]|(Redo )?Upscale \((2x|4x|Subtle|Creative)\))$/;

export function isSingleResult(job: Job): boolean {
	return job.verb === 'button' && SINGLE_RESULT_BUTTONS.test(String(job.request?.button ?? ''));
}

function attachmentUrls(job: Job): string[] {
	const attachments = (job.response?.attachments ?? []) as Array<{ url?: unknown }>;
	return attachments
		.map((attachment) => attachment.url)
		.filter((url): url is string => typeof url === 'string' && url !== '');
}

function uxUrls(links: MediaLink[] | undefined): string[] {
	return (links ?? []).map((media) => media.url).filter(Boolean);
}

/** An upscale's one file: its CDN copy when the API lists one, else the Discord attachment. */
function singleResult(job: Job): MediaFile[] {
	const kind = job.jobType === 'video' ? 'video' : 'image';
	const ux = uxUrls(kind === 'video' ? job.response?.videoUx : job.response?.imageUx);
	// A running upscale's attachment is a preview, not the result.
	const url = ux[0] ?? (job.status === 'completed' ? attachmentUrls(job)[0] : undefined);
	return url ? [{ property: `${kind}1`, url, kind }] : [];
}

/**
 * The files a finished job offers. An upscale: its one image or video. A grid job: the grid
 * (the first Discord attachment), the single images (imageUx) and videos (videoUx). Seed: its
 * separate attachments, which are the single images.
 */
export function jobMedia(job: Job): MediaFile[] {
	if (isSingleResult(job)) return singleResult(job);
	const attachments = attachmentUrls(job);
	const images = uxUrls(job.response?.imageUx);
	const videos = uxUrls(job.response?.videoUx);
	const separateAttachments = images.length === 0 && videos.length === 0 && attachments.length > 1;
	const files: MediaFile[] = [];
	if (attachments[0] && !separateAttachments) {
		files.push({ property: 'grid', url: attachments[0], kind: 'grid' });
	}
	(separateAttachments ? attachments : images).forEach((url, index) =>
		files.push({ property: `image${index + 1}`, url, kind: 'image' }),
	);
	videos.forEach((url, index) => files.push({ property: `video${index + 1}`, url, kind: 'video' }));
	return files;
}

/** The URLs a job's output lists: its single images and videos, never the grid. */
export function mediaUrls(job: Job): { imageUrls: string[]; videoUrls: string[] } {
	const files = jobMedia(job);
	const urlsOf = (kind: MediaFile['kind']) =>
		files.filter((file) => file.kind === kind).map((file) => file.url);
	return { imageUrls: urlsOf('image'), videoUrls: urlsOf('video') };
}
