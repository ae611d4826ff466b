/**
 * Value checks shared by the flag table. Each returns the rule a value breaks, or undefined.
 * The rule text is what the user reads, so it says what a valid value looks like.
 */
export type ValueCheck = (value: string) => string | undefined;

const NUMBER = /^(\d+(\.\d*)?|\.\d+)$/;
const URL_TOKEN = /^https?:\/\/\S+$/i;

export const isUrl = (token: string): boolean => URL_TOKEN.test(token);

export function wholeNumber(min: number, max: number): ValueCheck {
	return (value) => {
		const ok = /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
		return ok ? undefined : `a whole number from ${min} to ${max}`;
	};
}

export function decimalNumber(min: number, max: number): ValueCheck {
	return (value) => {
		const ok = NUMBER.test(value) && Number(value) >= min && Number(value) <= max;
		return ok ? undefined : `a number from ${min} to ${max}`;
	};
}

export function oneOf(...allowed: string[]): ValueCheck {
	return (value) =>
		allowed.includes(value.toLowerCase()) ? undefined : `one of ${allowed.join(', ')}`;
}

export const positiveNumber: ValueCheck = (value) =>
	NUMBER.test(value) && Number(value) > 0 ? undefined : 'a number above 0';

export const versionNumber: ValueCheck = (value) =>
	/^\d+(\.\d+)?$/.test(value) ? undefined : 'a version number such as 7 or 6.1';

export const aspectRatio: ValueCheck = (value) => {
	const match = /^(\d+):(\d+)$/.exec(value);
	const ok = match !== null && Number(match[1]) > 0 && Number(match[2]) > 0;
	return ok ? undefined : 'two whole numbers above 0 as W:H, e.g. 16:9';
};

export const oneUrl: ValueCheck = (value) =>
	isUrl(value) ? undefined : 'one image URL (http:// or https://)';

export const urls: ValueCheck = (value) =>
	value.split(/\s+/).every(isUrl) ? undefined : 'image URLs (http:// or https://), space-separated';

/** --sref: image URLs, numeric style codes or `random`, each optionally weighted with ::N. */
export const styleReferences: ValueCheck = (value) => {
	const valid = value
		.split(/\s+/)
		.map((token) => token.replace(/::-?\d+(\.\d+)?$/, ''))
		.every((token) => isUrl(token) || /^\d+$/.test(token) || token.toLowerCase() === 'random');
	return valid
		? undefined
		: 'image URLs, numeric style codes or random (optionally weighted as ::2), space-separated';
};

export const anyText: ValueCheck = () => undefined;
