import type { IDataObject } from 'n8n-workflow';

import type { Job } from './job';

/** The job as the API returns it, plus the fields most workflows reach for. */
export function jobOutput(job: Job): IDataObject {
	const response = job.response ?? {};
	return {
		...job,
		progress: response.progress_percent ?? (job.status === 'completed' ? 100 : 0),
		imageUrls: (response.imageUx ?? []).map((media) => media.url),
		videoUrls: (response.videoUx ?? []).map((media) => media.url),
		buttons: response.buttons ?? [],
	};
}
