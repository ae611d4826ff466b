import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, optionalText } from '../../../helpers/validate';
import { PROMPT_MAX_LENGTH } from '../prompt';

/** Task types a video follow-up starts from. */
export const VIDEO_PARENTS = ['video-diffusion', 'extend-video'];

export const videoNumberField: INodeProperties = {
	displayName: 'Video',
	name: 'videoNo',
	type: 'options',
	default: 0,
	options: [1, 2, 3, 4].map((n) => ({ name: String(n), value: n - 1 })),
	description: "Which of the job's four videos",
};

export function motionPromptField(required: boolean, description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required,
		description,
	};
}

export function readVideoNumber(context: IExecuteFunctions, itemIndex: number): number {
	const videoNo = Number(context.getNodeParameter('videoNo', itemIndex, 0));
	if (!Number.isInteger(videoNo) || videoNo < 0 || videoNo > 3) {
		throw inputError(context, itemIndex, 'Video must be 1–4', 'Pick a video from the list.');
	}
	return videoNo;
}

export function readMotionPrompt(context: IExecuteFunctions, itemIndex: number): string {
	return optionalText(
		context,
		itemIndex,
		'Prompt',
		context.getNodeParameter('prompt', itemIndex, ''),
		PROMPT_MAX_LENGTH,
	);
}
