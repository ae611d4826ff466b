import { inputError, optionalUrl } from '../../../helpers/validate';
import { legnextJob } from './legnextJob';

/** Blend: 2–5 images into a new grid (POST /api/v1/blend). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Blend',
		value: 'blend',
		action: 'Blend 2 to 5 images into a grid',
		description: 'Blend 2–5 images into a new grid (POST /api/v1/blend)',
	},
	verb: 'blend',
	media: true,
	fields: [
		{
			displayName: 'Image URLs',
			name: 'imageUrls',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'https://…/a.png\nhttps://…/b.png',
			description:
				'2 to 5 public image URLs, one per line (or separated by commas or spaces). Legnext takes URLs only, no uploads.',
		},
		{
			displayName: 'Aspect Ratio',
			name: 'aspectRatio',
			type: 'options',
			default: '1:1',
			options: [
				{ name: 'Landscape (3:2)', value: '3:2' },
				{ name: 'Portrait (2:3)', value: '2:3' },
				{ name: 'Square (1:1)', value: '1:1' },
			],
			description: 'Shape of the blended images',
		},
	],
	build(itemIndex) {
		const raw = this.getNodeParameter('imageUrls', itemIndex, '');
		const list = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/)).filter(
			(entry) => entry.trim() !== '',
		);
		if (list.length < 2 || list.length > 5) {
			throw inputError(
				this,
				itemIndex,
				`Blend needs 2 to 5 image URLs (got ${list.length})`,
				'Put 2 to 5 public image URLs in Image URLs, one per line. Nothing was sent.',
			);
		}
		const imgUrls = list.map((url, i) =>
			optionalUrl(this, itemIndex, `Image URL ${i + 1}`, url, 2048),
		);
		const aspect = String(this.getNodeParameter('aspectRatio', itemIndex, '1:1'));
		if (!['2:3', '1:1', '3:2'].includes(aspect)) {
			throw inputError(
				this,
				itemIndex,
				`Aspect Ratio must be 2:3, 1:1 or 3:2 (got "${aspect}")`,
				'Pick one from the list.',
			);
		}
		return { body: { imgUrls, aspect_ratio: aspect }, jobType: 'image' };
	},
});
