import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { setItemNotes } from '../engine/itemNotes';
import { inputError } from '../helpers/validate';
import { PromptBatch } from './accountNotices';
import type { PromptCheckMode } from './checkPrompt';
import { checkPrompt } from './checkPrompt';

const batches = new WeakMap<object, PromptBatch>();

function batchOf(context: IExecuteFunctions): PromptBatch {
	const batch = batches.get(context) ?? new PromptBatch();
	batches.set(context, batch);
	return batch;
}

/**
 * The one door for a verb's prompt: composes the item's Prompt Parameters into its prompt text,
 * checks the flags before any request (throwing what Midjourney would certainly refuse, in
 * Strict mode) and leaves the warnings for the item's output (promptWarnings).
 */
export function preparePrompt(
	context: IExecuteFunctions,
	itemIndex: number,
	promptText: string,
	maxLength: number,
): { prompt: string; video: boolean } {
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
	if (mode !== 'off') {
		const batch = batchOf(context);
		batch.add(itemIndex, checked.prompt);
		setItemNotes(context, itemIndex, () => {
			const warnings = [...checked.warnings, ...batch.noticesFor(itemIndex)];
			return warnings.length > 0 ? { promptWarnings: warnings } : {};
		});
	}
	return { prompt: checked.prompt, video: checked.video };
}
