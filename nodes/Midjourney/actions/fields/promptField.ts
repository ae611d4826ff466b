import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validate';
import { preparePrompt } from '../../prompt/preparePrompt';

/** The Prompt field of an imagine: what each API's field says differs only in its description. */
export function promptField(description: string): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'a cat in a hat --ar 16:9',
		description,
	};
}

/** The item's Prompt, required and checked (flags, length) before any request. */
export function readPrompt(context: IExecuteFunctions, itemIndex: number, maxLength: number) {
	const text = requireText(
		context,
		itemIndex,
		'Prompt',
		context.getNodeParameter('prompt', itemIndex),
		maxLength,
	);
	return preparePrompt(context, itemIndex, text, maxLength);
}
