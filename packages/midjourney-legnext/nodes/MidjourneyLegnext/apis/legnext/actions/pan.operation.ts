import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';
import { readScale, scaleField } from './scale';

/** Pan: extend one image in one direction (POST /api/v1/pan). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Pan',
		value: 'pan',
		action: 'Extend one image of a grid in one direction',
		description: 'Extend one image of a grid up, down, left or right (POST /api/v1/pan)',
	},
	verb: 'pan',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Down', value: 0 },
				{ name: 'Left', value: 3 },
				{ name: 'Right', value: 1 },
				{ name: 'Up', value: 2 },
			],
			description: 'Which way to extend the image',
		},
		scaleField(3, 'How far to extend'),
		remixPromptField(
			false,
			'Optional: a prompt for the new area (remix). Empty: the original prompt.',
		),
	],
	async build(itemIndex) {
		const direction = Number(this.getNodeParameter('direction', itemIndex, 0));
		const scale = readScale(this, itemIndex, 3);
		const remix = readRemixPrompt(this, itemIndex, false);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Pan',
			action: 'pan',
			withImage: true,
		});
		const body = {
			...parent,
			direction: [0, 1, 2, 3].includes(direction) ? direction : 0,
			scale,
			...(remix.remixPrompt ? { remixPrompt: remix.remixPrompt } : {}),
		};
		return { body, jobType: 'image', promptCheck: remix.check };
	},
});
