import type { ParsedPrompt } from './parsePrompt';

/**
 * Account-safety notices from useapi.net's questions-and-answers page. They never block:
 * they describe a risk to the Discord account, not a prompt Midjourney would refuse.
 */
const EXPIRY_RISK =
	'useapi.net warns that many identical or near-identical prompts can make Midjourney force the Discord token to expire';

export function personalizationNotices(parsed: ParsedPrompt): string[] {
	const codes = parsed.flags.some((flag) => flag.key === 'p' && flag.value !== '');
	return codes
		? [
				'--p codes: useapi.net warns that sharing --p codes across accounts risks a ban of every account using them; use codes of this account only',
			]
		: [];
}

const identical = (prompt: string) => prompt.trim().replace(/\s+/g, ' ').toLowerCase();
const withoutCounters = (prompt: string) => identical(prompt).replace(/\d+/g, '#');

function others(indexes: number[] | undefined, itemIndex: number): number[] {
	return (indexes ?? []).filter((index) => index !== itemIndex);
}

/** The prompts of one run's items, to notice repeats across the batch. */
export class PromptBatch {
	private readonly prompts = new Map<number, string>();

	private readonly groups = new Map<string, number[]>();

	add(itemIndex: number, prompt: string): void {
		this.prompts.set(itemIndex, prompt);
		for (const key of [`=${identical(prompt)}`, `#${withoutCounters(prompt)}`]) {
			this.groups.set(key, [...(this.groups.get(key) ?? []), itemIndex]);
		}
	}

	/** Read after every item was added (the engine prepares all items before any request). */
	noticesFor(itemIndex: number): string[] {
		const prompt = this.prompts.get(itemIndex);
		if (prompt === undefined) return [];
		const same = others(this.groups.get(`=${identical(prompt)}`), itemIndex);
		if (same.length > 0) return [`Same prompt as item ${same.join(', ')}: ${EXPIRY_RISK}`];
		const counted = others(this.groups.get(`#${withoutCounters(prompt)}`), itemIndex);
		return counted.length > 0
			? [`Differs from item ${counted.join(', ')} only by a number: ${EXPIRY_RISK}`]
			: [];
	}
}
