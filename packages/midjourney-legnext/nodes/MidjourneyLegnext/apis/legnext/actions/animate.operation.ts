import { inputError, optionalUrl } from '../../../helpers/validate';
import { imageNumberField } from '../fields';
import { jobIdField, readJobId } from './jobIdField';
import { checkFollowUp } from './parentJob';
import { legnextJob } from './legnextJob';
import { motionPromptField, readMotionPrompt } from './videoFields';

/** Animate: four 4-second videos from an image of a grid or from a prompt (POST /api/v1/video-diffusion). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'video',
	option: {
		name: 'Animate',
		value: 'animate',
		action: 'Make four short videos from an image or a prompt',
		description:
			'Four 4-second videos from one image of a grid, or from an image URL and a prompt (POST /api/v1/video-diffusion)',
	},
	verb: 'video-diffusion',
	media: true,
	fields: [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			default: 'job',
			options: [
				{ name: 'Image of a Job', value: 'job', description: 'One image of a completed grid job' },
				{
					name: 'Image URL and Prompt',
					value: 'prompt',
					description: 'Any public image, animated as the prompt says',
				},
			],
		},
		{
			...jobIdField('The completed imagine, variation or other grid job (its job_id)'),
			displayOptions: { show: { source: ['job'] } },
		},
		{ ...imageNumberField(), displayOptions: { show: { source: ['job'] } } },
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			placeholder: 'https://…/first-frame.png',
			displayOptions: { show: { source: ['prompt'] } },
			description: 'The image to animate, put first in the prompt as Legnext expects',
		},
		motionPromptField(
			false,
			'How things move (required with Image URL and Prompt; optional for an image of a job)',
		),
		{
			displayName: 'Resolution',
			name: 'videoType',
			type: 'options',
			default: 0,
			options: [
				{ name: '480p', value: 0, description: 'About 480 points' },
				{ name: '720p', value: 1, description: 'About 1536 points' },
			],
		},
	],
	async build(itemIndex) {
		const videoType = Number(this.getNodeParameter('videoType', itemIndex, 0)) === 1 ? 1 : 0;
		const prompt = readMotionPrompt(this, itemIndex);
		const source = this.getNodeParameter('source', itemIndex, 'job') as string;
		if (source === 'prompt') {
			const url = optionalUrl(
				this,
				itemIndex,
				'Image URL',
				this.getNodeParameter('imageUrl', itemIndex, ''),
				2048,
			);
			if (prompt === '' && url === '') {
				throw inputError(
					this,
					itemIndex,
					'Animate needs a prompt',
					'Enter the Prompt (and the Image URL to animate). Nothing was sent.',
				);
			}
			return {
				body: { prompt: [url, prompt].filter(Boolean).join(' '), videoType },
				jobType: 'video',
			};
		}
		const jobId = readJobId(this, itemIndex);
		const imageNo = Math.min(
			3,
			Math.max(0, Math.trunc(Number(this.getNodeParameter('imageNo', itemIndex, 0))) || 0),
		);
		await checkFollowUp(this, itemIndex, jobId, { label: 'Animate', index: imageNo });
		return {
			body: { jobId, imageNo, videoType, ...(prompt ? { prompt } : {}) },
			jobType: 'video',
		};
	},
});
