import { inputError, optionalUrl } from '../../../helpers/validate';
import { legnextJob } from './legnextJob';

/** Describe: four prompts Midjourney suggests for an image (POST /api/v1/describe). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Describe',
		value: 'describe',
		action: 'Get prompts Midjourney suggests for an image',
		description: 'Four prompts for an image at a URL (POST /api/v1/describe)',
	},
	verb: 'describe',
	media: false,
	fields: [
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://…/image.png',
			description: 'A public image URL (Legnext takes URLs only, no uploads)',
		},
	],
	summarize: (job) => ({ prompts: (job.response?.prompts as string[] | undefined) ?? [] }),
	build(itemIndex) {
		const url = optionalUrl(
			this,
			itemIndex,
			'Image URL',
			this.getNodeParameter('imageUrl', itemIndex, ''),
			2048,
		);
		if (url === '')
			throw inputError(this, itemIndex, 'Image URL is empty', 'Enter a public image URL.');
		return { body: { imgUrl: url }, jobType: 'image' };
	},
});
