import { requireText } from '../../../helpers/validate';
import { PROMPT_MAX_LENGTH } from '../prompt';
import { legnextJob } from './legnextJob';

/** Shorten: shorter versions of a prompt (POST /api/v1/shorten). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Shorten',
		value: 'shorten',
		action: 'Shorten a prompt',
		description:
			'Shorter versions of a prompt, keeping what matters to Midjourney (POST /api/v1/shorten)',
	},
	verb: 'shorten',
	media: false,
	fields: [
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'The prompt to shorten (max 8192 characters)',
		},
	],
	summarize: (job) => ({ prompts: (job.response?.prompts as string[] | undefined) ?? [] }),
	build(itemIndex) {
		const prompt = requireText(
			this,
			itemIndex,
			'Prompt',
			this.getNodeParameter('prompt', itemIndex),
			PROMPT_MAX_LENGTH,
		);
		return { body: { prompt }, jobType: 'image' };
	},
});
