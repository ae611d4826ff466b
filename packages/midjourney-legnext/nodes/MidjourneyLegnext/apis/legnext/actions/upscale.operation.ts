import { REJECTION_HINT, parentFields, readFollowUp } from './followUpFields';
import { legnextJob } from './legnextJob';

/** Upscale (U1–U4): one image of a grid on its own, larger (POST /api/v1/upscale). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Upscale',
		value: 'upscale',
		action: 'Upscale one image of a grid (U1–U4)',
		description: 'One image of a grid as a single, larger image (POST /api/v1/upscale)',
	},
	verb: 'upscale',
	media: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			default: 0,
			options: [
				{ name: 'Subtle', value: 0, description: 'Keeps the image close to the original' },
				{ name: 'Creative', value: 1, description: 'Adds detail' },
				{
					name: '2x (Unconfirmed)',
					value: 2,
					description: "Offered by Legnext's own node only; the API's schema lists 0 and 1",
				},
				{
					name: '4x (Unconfirmed)',
					value: 3,
					description: "Offered by Legnext's own node only; the API's schema lists 0 and 1",
				},
			],
			description: 'How the image is upscaled',
		},
	],
	async build(itemIndex) {
		const type = Number(this.getNodeParameter('type', itemIndex, 0));
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Upscale',
			action: 'upscale',
			withImage: true,
		});
		return { body: { ...parent, type: [0, 1, 2, 3].includes(type) ? type : 0 }, jobType: 'image' };
	},
});
