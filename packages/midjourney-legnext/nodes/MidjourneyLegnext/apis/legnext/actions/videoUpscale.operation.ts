import { jobIdField, readJobId } from './jobIdField';
import { checkFollowUp } from './parentJob';
import { legnextJob } from './legnextJob';
import { VIDEO_PARENTS, readVideoNumber, videoNumberField } from './videoFields';

/** Upscale a video: one video of a video job at a higher resolution (POST /api/v1/video-upscale). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'video',
	option: {
		name: 'Upscale',
		value: 'upscale',
		action: 'Upscale one video of a job',
		description: 'One video of a video job at a higher resolution (POST /api/v1/video-upscale)',
	},
	verb: 'video-upscale',
	media: true,
	fields: [jobIdField('The completed Animate or Extend job (its job_id)'), videoNumberField],
	async build(itemIndex) {
		const jobId = readJobId(this, itemIndex);
		const videoNo = readVideoNumber(this, itemIndex);
		await checkFollowUp(this, itemIndex, jobId, {
			label: 'Video Upscale',
			parentTypes: VIDEO_PARENTS,
		});
		return { body: { jobId, videoNo }, jobType: 'video' };
	},
});
