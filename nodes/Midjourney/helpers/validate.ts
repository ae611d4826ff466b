import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Errors for input that can be checked before any request, naming the field and the fix. */
export function inputError(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

function toText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	return value == null ? '' : String(value);
}

export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength: number,
): string {
	const text = toText(value);
	if (text === '') {
		throw inputError(context, itemIndex, `${field} is empty`, `Enter a ${field}; it is required.`);
	}
	return optionalText(context, itemIndex, field, text, maxLength);
}

export function optionalText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength: number,
): string {
	const text = toText(value);
	if (text.length > maxLength) {
		throw inputError(
			context,
			itemIndex,
			`${field} is too long (${text.length} characters, the limit is ${maxLength})`,
			`Shorten the ${field} to at most ${maxLength} characters.`,
		);
	}
	return text;
}

export function optionalUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength: number,
): string {
	const text = optionalText(context, itemIndex, field, value, maxLength);
	if (text === '') return text;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw inputError(
			context,
			itemIndex,
			`${field} is not a valid URL: "${text.slice(0, 80)}"`,
			`Enter a full http:// or https:// URL for ${field}.`,
		);
	}
	return text;
}

export function integerInRange(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw inputError(
			context,
			itemIndex,
			`${field} must be a whole number from ${min} to ${max} (got ${String(value)})`,
			`Set ${field} to a value between ${min} and ${max}.`,
		);
	}
	return number;
}

export function optionalChannel(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string {
	const channel = optionalText(context, itemIndex, 'Channel', value, 64);
	if (channel !== '' && !/^\d+$/.test(channel)) {
		throw inputError(
			context,
			itemIndex,
			`Channel must be a Discord channel ID made of digits (got "${channel}")`,
			'Pick a channel from the list, copy its ID from Account → List, or leave it empty to let useapi.net choose.',
		);
	}
	return channel;
}
