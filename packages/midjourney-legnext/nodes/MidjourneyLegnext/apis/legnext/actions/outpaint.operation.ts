import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';
import { readScale, scaleField } from './scale';

/** Outpaint (Zoom Out): extend one image in every direction (POST /api/v1/outpaint). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Outpaint (Zoom Out)',
		value: 'outpaint',
		action: 'Zoom out of one image of a grid',
		description: 'Extend one image of a grid in every direction (POST /api/v1/outpaint)',
	},
	verb: 'outpaint',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		scaleField(2, 'Zoom-out factor'),
		remixPromptField(
			false,
			'Optional: a prompt for the new area (remix). Empty: the original prompt.',
		),
	],
	async build(itemIndex) {
		const scale = readScale(this, itemIndex, 2);
		const remix = readRemixPrompt(this, itemIndex, false);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Outpaint',
			action: 'outpaint',
			withImage: true,
		});
		const body = {
			...parent,
			scale,
			...(remix.remixPrompt ? { remixPrompt: remix.remixPrompt } : {}),
		};
		return { body, jobType: 'image', promptCheck: remix.check };
	},
});
