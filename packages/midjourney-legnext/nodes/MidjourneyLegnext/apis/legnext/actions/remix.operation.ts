import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';

/** Remix: one image of a grid re-prompted (POST /api/v1/remix). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Remix',
		value: 'remix',
		action: 'Re-prompt one image of a grid',
		description: 'A new grid from one image and a new prompt (POST /api/v1/remix)',
	},
	verb: 'remix',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		remixPromptField(true, 'The new prompt (max 8192 characters, flags included)'),
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Strong', value: 0 },
				{ name: 'Subtle', value: 1 },
			],
			description:
				'How far the result may move from the image (always sent: one source requires it)',
		},
	],
	async build(itemIndex) {
		const mode = Number(this.getNodeParameter('mode', itemIndex, 0)) === 1 ? 1 : 0;
		const remix = readRemixPrompt(this, itemIndex, true);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Remix',
			action: 'remix',
			withImage: true,
		});
		return {
			body: { ...parent, remixPrompt: remix.remixPrompt, mode },
			jobType: 'image',
			promptCheck: remix.check,
		};
	},
});
