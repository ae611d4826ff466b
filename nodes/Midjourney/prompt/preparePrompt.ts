import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../helpers/validate';
import type { PromptCheckMode } from './checkPrompt';
import { checkPrompt } from './checkPrompt';
import type { PromptCheck } from './promptNotes';

/**
 * The one door for a verb's prompt: composes the item's Prompt Parameters into its prompt text,
 * checks the flags before any request (throwing what Midjourney would certainly refuse, in
 * Strict mode) and returns the warnings for the item's output (promptWarnings), unless the check is Off.
 */
export function preparePrompt(
	context: IExecuteFunctions,
	itemIndex: number,
	promptText: string,
	maxLength: number,
): { prompt: string; video: boolean; check?: PromptCheck } {
	const fields = context.getNodeParameter('promptParameters', itemIndex, {}) as IDataObject;
	const mode = context.getNodeParameter('promptCheck', itemIndex, 'strict') as PromptCheckMode;
	const checked = checkPrompt(promptText, fields, mode);
	if (checked.errors.length > 0) {
		const [first, ...others] = checked.errors;
		const also = others.length > 0 ? `Also: ${others.join('; ')}.\n` : '';
		throw inputError(
			context,
			itemIndex,
			`Prompt parameter ${first}`,
			`${also}Nothing was sent. Fix the prompt or Prompt Parameters, or set Prompt Check to Warn Only to send it anyway.`,
		);
	}
	if (checked.prompt.length > maxLength) {
		throw inputError(
			context,
			itemIndex,
			`The prompt with its parameters is too long (${checked.prompt.length} characters, the limit is ${maxLength})`,
			'Shorten the prompt text or remove some Prompt Parameters.',
		);
	}
	const { prompt, video, warnings } = checked;
	return { prompt, video, check: mode === 'off' ? undefined : { prompt, warnings } };
}
