import { REJECTION_HINT, parentFields, readFollowUp } from './followUpFields';
import { legnextJob } from './legnextJob';

/** Reroll: the same prompt and parameters again (POST /api/v1/reroll). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Reroll',
		value: 'reroll',
		action: 'Run a job again with the same prompt',
		description: 'A new grid from the same prompt and parameters (POST /api/v1/reroll)',
	},
	verb: 'reroll',
	media: true,
	rejectionHint: REJECTION_HINT,
	fields: parentFields(false),
	async build(itemIndex) {
		const body = await readFollowUp(this, itemIndex, {
			label: 'Reroll',
			action: 'reroll',
			withImage: false,
		});
		return { body, jobType: 'image' };
	},
});
