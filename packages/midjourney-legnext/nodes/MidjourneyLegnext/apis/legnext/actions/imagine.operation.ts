import { promptField } from '../../../actions/fields/promptField';
import { legnextPromptFields, readLegnextPrompt } from '../prompt';
import { legnextJob } from './legnextJob';

/** Imagine: a prompt (Midjourney flags included) into a grid of four (POST /api/v1/diffusion). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Imagine',
		value: 'imagine',
		action:
			'Create 4 images from a prompt (spends about 80 Legnext points, about a minute; returns the jobid and image URLs)',
		description: 'Generate a grid of four images from a prompt (POST /api/v1/diffusion)',
	},
	verb: 'diffusion',
	media: true,
	checksPrompt: true,
	fields: [
		promptField(
			'What to imagine (max 8192 characters, flags included). Flags typed here (--ar 16:9, --v 7…) are checked like Prompt Parameters.',
		),
		...legnextPromptFields(),
	],
	build(itemIndex) {
		const { prompt, check } = readLegnextPrompt(this, itemIndex);
		return { body: { text: prompt }, jobType: 'image', promptCheck: check };
	},
});
