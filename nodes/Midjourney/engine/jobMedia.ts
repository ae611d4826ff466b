import type { Job } from './job';

export interface MediaFile {
	/** Binary property name: grid, image1..4, video1..4. */
	property: string;
	url: string;
	kind: 'grid' | 'image' | 'video';
}

/**
 * The files a finished job offers: its grid (the first Discord attachment), the single images
 * (imageUx, or for seed the separate attachments) and the videos (videoUx).
 */
export function jobMedia(job: Job): MediaFile[] {
	const response = job.response ?? {};
	const attachments = (response.attachments ?? []) as Array<{ url?: string }>;
	const files: MediaFile[] = [];
	const imageUx = response.imageUx ?? [];
	const videoUx = response.videoUx ?? [];
	const separateAttachments =
		imageUx.length === 0 && videoUx.length === 0 && attachments.length > 1;
	if (attachments[0]?.url && !separateAttachments) {
		files.push({ property: 'grid', url: attachments[0].url, kind: 'grid' });
	}
	const images = separateAttachments
		? attachments.map((attachment) => attachment.url ?? '').filter(Boolean)
		: imageUx.map((media) => media.url);
	images.forEach((url, index) => files.push({ property: `image${index + 1}`, url, kind: 'image' }));
	videoUx.forEach((media, index) =>
		files.push({ property: `video${index + 1}`, url: media.url, kind: 'video' }),
	);
	return files;
}
