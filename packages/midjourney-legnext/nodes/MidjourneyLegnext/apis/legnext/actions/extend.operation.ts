import { jobIdField, readJobId } from './jobIdField';
import { checkFollowUp } from './parentJob';
import { legnextJob } from './legnextJob';
import {
	VIDEO_PARENTS,
	motionPromptField,
	readMotionPrompt,
	readVideoNumber,
	videoNumberField,
} from './videoFields';

/** Extend: one video about 4 s longer, as four new videos (POST /api/v1/extend-video). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'video',
	option: {
		name: 'Extend',
		value: 'extend',
		action: 'Make one video of a job about 4 seconds longer',
		description:
			'Extend one video of a video job by about 4 s, up to 4 times (POST /api/v1/extend-video)',
	},
	verb: 'extend-video',
	media: true,
	fields: [
		jobIdField('The completed Animate or Extend job (its job_id)'),
		videoNumberField,
		motionPromptField(false, 'Optional: how things move next'),
	],
	async build(itemIndex) {
		const jobId = readJobId(this, itemIndex);
		const videoNo = readVideoNumber(this, itemIndex);
		const prompt = readMotionPrompt(this, itemIndex);
		await checkFollowUp(this, itemIndex, jobId, { label: 'Extend', parentTypes: VIDEO_PARENTS });
		return { body: { jobId, videoNo, ...(prompt ? { prompt } : {}) }, jobType: 'video' };
	},
});
