import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { binaryFile } from '../../../helpers/binaryInput';
import { inputError, optionalUrl } from '../../../helpers/validate';
import { maskAreasFromPng } from '../maskImage';
import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';

const AREAS_EXAMPLE =
	'[{ "width": 1024, "height": 1024, "points": [100, 100, 600, 100, 600, 600, 100, 600] }]';

function areaProblem(area: unknown): string | undefined {
	if (!area || typeof area !== 'object' || Array.isArray(area))
		return 'each area must be an object';
	const { width, height, points } = area as IDataObject;
	for (const [name, value] of [
		['width', width],
		['height', height],
	] as const) {
		if (!Number.isInteger(value) || (value as number) < 500 || (value as number) > 4096) {
			return `${name} must be a whole number from 500 to 4096 (the image's size in pixels)`;
		}
	}
	if (!Array.isArray(points) || points.length < 6 || points.length % 2 !== 0) {
		return 'points must list at least 3 corners as x1, y1, x2, y2, … (clockwise)';
	}
	const inside = points.every(
		(value, i) =>
			Number.isInteger(value) &&
			(value as number) >= 0 &&
			(value as number) <= ((i % 2 === 0 ? width : height) as number),
	);
	return inside ? undefined : 'points must be whole pixel coordinates inside width × height';
}

/**
 * A binary mask image in the input item, read now (before any request) and turned into
 * rectangles: Legnext has no upload, so a mask that is only in n8n cannot be sent as a file.
 */
async function binaryMask(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const property = context.getNodeParameter('maskBinaryProperty', itemIndex, 'mask');
	const file = await binaryFile(context, itemIndex, 'Input Data Field Name', property, 'mask', {
		need: 'Inpaint needs a mask image (white marks the region to repaint)',
		alternative: 'switch Mask Source to Areas or Mask Image URL',
	});
	const reading = maskAreasFromPng(new Uint8Array(await file.load()));
	if ('problem' in reading) {
		throw inputError(
			context,
			itemIndex,
			`The mask in "${String(property)}" cannot be used: ${reading.problem}`,
			'Give a black-and-white PNG the size of the image (white marks the region to repaint), or switch Mask Source to Areas or Mask Image URL. Nothing was sent.',
		);
	}
	return { areas: reading.areas as unknown as IDataObject[] };
}

/** The mask: polygons (`areas`), a binary image turned into them, or a mask image URL. */
async function readMask(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = context.getNodeParameter('maskSource', itemIndex, 'areas') as string;
	if (source === 'binary') return await binaryMask(context, itemIndex);
	if (source === 'url') {
		const url = optionalUrl(
			context,
			itemIndex,
			'Mask URL',
			context.getNodeParameter('maskUrl', itemIndex, ''),
			2048,
		);
		if (url === '') {
			throw inputError(
				context,
				itemIndex,
				'Inpaint needs a mask',
				'Enter the Mask URL, or switch Mask Source to Areas.',
			);
		}
		return { url };
	}
	const raw = context.getNodeParameter('maskAreas', itemIndex, '[]');
	let areas: unknown;
	try {
		areas = typeof raw === 'string' ? JSON.parse(raw) : raw;
	} catch {
		areas = undefined;
	}
	const list = Array.isArray(areas)
		? areas
		: areas && typeof areas === 'object'
			? [areas]
			: undefined;
	const problem =
		!list || list.length === 0
			? 'Areas must be a JSON list of areas'
			: list.map(areaProblem).find(Boolean);
	if (problem) {
		throw inputError(
			context,
			itemIndex,
			`Mask areas: ${problem}`,
			`Write the areas like ${AREAS_EXAMPLE}. Nothing was sent.`,
		);
	}
	return { areas: list as IDataObject[] };
}

/** Inpaint (Vary Region): repaint the masked part of one image (POST /api/v1/inpaint). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Inpaint (Vary Region)',
		value: 'inpaint',
		action: 'Repaint a region of one image of a grid',
		description: 'Repaint the masked region of one image of a grid (POST /api/v1/inpaint)',
	},
	verb: 'inpaint',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		...parentFields(true),
		{
			displayName: 'Mask Source',
			name: 'maskSource',
			type: 'options',
			default: 'areas',
			options: [
				{ name: 'Areas (Polygons)', value: 'areas', description: 'Polygons on the image, as JSON' },
				{
					name: 'Binary Mask Image',
					value: 'binary',
					description:
						'A black-and-white PNG in the input item, the size of the image: its white parts are sent as rectangles',
				},
				{
					name: 'Mask Image URL',
					value: 'url',
					description: 'A public black-and-white image: white marks the region to repaint',
				},
			],
			description:
				'Where the region comes from. Legnext takes polygons or a mask URL and has no upload, so a binary mask is sent as the rectangles that cover its white parts.',
		},
		{
			displayName: 'Areas',
			name: 'maskAreas',
			type: 'json',
			default: AREAS_EXAMPLE,
			displayOptions: { show: { maskSource: ['areas'] } },
			description:
				"A list of areas: width and height of the image (500–4096) and points, the polygon's corners x1, y1, x2, y2, … clockwise",
		},
		{
			displayName: 'Input Data Field Name',
			name: 'maskBinaryProperty',
			type: 'string',
			default: 'mask',
			placeholder: 'e.g. mask',
			displayOptions: { show: { maskSource: ['binary'] } },
			hint: 'The name of the input binary field holding the mask image',
		},
		{
			displayName: 'Mask URL',
			name: 'maskUrl',
			type: 'string',
			default: '',
			placeholder: 'https://…/mask.png',
			displayOptions: { show: { maskSource: ['url'] } },
		},
		remixPromptField(false, 'Optional: what to paint in the region. Empty: the original prompt.'),
	],
	async build(itemIndex) {
		const mask = await readMask(this, itemIndex);
		const remix = readRemixPrompt(this, itemIndex, false);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Inpaint',
			action: 'inpaint',
			withImage: true,
		});
		const body = {
			...parent,
			mask,
			...(remix.remixPrompt ? { remixPrompt: remix.remixPrompt } : {}),
		};
		return { body, jobType: 'image', promptCheck: remix.check };
	},
});
