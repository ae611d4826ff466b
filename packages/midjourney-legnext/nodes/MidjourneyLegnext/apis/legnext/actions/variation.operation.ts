import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';

/** Variation (V1–V4): four new images from one image of a grid (POST /api/v1/variation). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Variation',
		value: 'variation',
		action: 'Vary one image of a grid (V1–V4)',
		description:
			'Four variations of one image of a grid, subtle or strong (POST /api/v1/variation)',
	},
	verb: 'variation',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Subtle', value: 0 },
				{ name: 'Strong', value: 1 },
			],
			description: 'How far the variations may move from the image',
		},
		remixPromptField(
			false,
			'Optional: a new prompt for the variations (remix). Empty: the original prompt.',
		),
	],
	async build(itemIndex) {
		const type = Number(this.getNodeParameter('type', itemIndex, 0)) === 1 ? 1 : 0;
		const remix = readRemixPrompt(this, itemIndex, false);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Variation',
			action: 'variation',
			withImage: true,
		});
		const body = {
			...parent,
			type,
			...(remix.remixPrompt ? { remixPrompt: remix.remixPrompt } : {}),
		};
		return { body, jobType: 'image', promptCheck: remix.check };
	},
});
