import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { integerInRange } from '../../../helpers/validate';
import {
	REJECTION_HINT,
	parentFields,
	readFollowUp,
	readRemixPrompt,
	remixPromptField,
} from './followUpFields';
import { legnextJob } from './legnextJob';

const px = (
	displayName: string,
	name: string,
	initial: number,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 8192 },
	default: initial,
	description,
});

const whole = (
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	name: string,
	min: number,
) =>
	integerInRange(context, itemIndex, label, context.getNodeParameter(name, itemIndex), min, 8192);

/** Edit: the image on a larger canvas, the rest filled from the prompt (POST /api/v1/edit). */
export const { option, description, jobOperation, execute } = legnextJob({
	resource: 'image',
	option: {
		name: 'Edit (Canvas)',
		value: 'edit',
		action: 'Place one image of a grid on a canvas and fill the rest',
		description:
			'Place one image on a custom canvas and fill the rest (POST /api/v1/edit; whitelisted accounts only)',
	},
	verb: 'edit',
	media: true,
	checksPrompt: true,
	rejectionHint: REJECTION_HINT,
	fields: [
		{
			displayName:
				'Legnext enables Edit only for whitelisted accounts: others get "403 feature not enabled", before anything is charged.',
			name: 'editNotice',
			type: 'notice',
			default: '',
		},
		...parentFields(true),
		px('Canvas Width', 'canvasWidth', 1024, 'Width of the new canvas in pixels'),
		px('Canvas Height', 'canvasHeight', 1024, 'Height of the new canvas in pixels'),
		px('Image Width', 'imageWidth', 512, 'Width of the image on the canvas'),
		px('Image Height', 'imageHeight', 512, 'Height of the image on the canvas'),
		px('Image X', 'imageX', 256, 'Left edge of the image on the canvas'),
		px('Image Y', 'imageY', 256, 'Top edge of the image on the canvas'),
		remixPromptField(true, 'What to fill the canvas with (max 8192 characters)'),
	],
	async build(itemIndex) {
		const canvas = {
			width: whole(this, itemIndex, 'Canvas Width', 'canvasWidth', 1),
			height: whole(this, itemIndex, 'Canvas Height', 'canvasHeight', 1),
		};
		const imgPos = {
			width: whole(this, itemIndex, 'Image Width', 'imageWidth', 1),
			height: whole(this, itemIndex, 'Image Height', 'imageHeight', 1),
			x: whole(this, itemIndex, 'Image X', 'imageX', 0),
			y: whole(this, itemIndex, 'Image Y', 'imageY', 0),
		};
		const remix = readRemixPrompt(this, itemIndex, true);
		const parent = await readFollowUp(this, itemIndex, {
			label: 'Edit',
			action: 'edit',
			withImage: true,
		});
		return {
			body: { ...parent, canvas, imgPos, remixPrompt: remix.remixPrompt },
			jobType: 'image',
			promptCheck: remix.check,
		};
	},
});
