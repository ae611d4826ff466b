import type { FlagRule } from './flagTable';
import { FLAG_NAMES, flagRule } from './flagTable';
import { isUrl } from './flagValues';

export interface ParsedFlag {
	/** Canonical name when known, otherwise the name as typed (lower case, no dashes). */
	key: string;
	/** The flag as written, e.g. "--stylize" or "—ar". */
	typed: string;
	/** Everything up to the next flag, spaces collapsed; '' when none. */
	value: string;
	rule?: FlagRule;
	/** Why Midjourney cannot read this flag, e.g. a value glued to it (--ar16:9). */
	malformed?: string;
}

export interface ParsedPrompt {
	/** The words before the first flag, image prompts included. */
	text: string;
	/** URLs at the start of the prompt: Midjourney's image prompts. */
	imagePrompts: string[];
	flags: ParsedFlag[];
}

// Apple keyboards turn -- into an em dash, and Midjourney reads —ar as --ar.
const FLAG_START = /^(--|—(?=[a-z]))/i;

function gluedFlag(name: string): string | undefined {
	return FLAG_NAMES.find(
		(known) => name.startsWith(known) && /^[^a-z]/.test(name.slice(known.length)),
	);
}

function flagFrom(typed: string): ParsedFlag {
	const name = typed.replace(FLAG_START, '').toLowerCase();
	const rule = flagRule(name);
	const glued = rule ? undefined : gluedFlag(name);
	if (!glued) return { key: rule?.name ?? name, typed, value: '', rule };
	const value = name.slice(glued.length).replace(/^=/, '');
	return {
		key: typed,
		typed,
		value: '',
		malformed: `Midjourney cannot read a value glued to its flag: write --${glued} ${value}`,
	};
}

/** --style raw is the older spelling of --raw: one flag for the checks. */
function normalized(flag: ParsedFlag): ParsedFlag {
	if (flag.key === 'style' && flag.value.toLowerCase() === 'raw') {
		return { key: 'raw', typed: `${flag.typed} raw`, value: '', rule: flagRule('raw') };
	}
	return flag;
}

/**
 * Splits a prompt into its text and its --flags the way Midjourney reads them: a flag is a
 * word starting with -- and its value is everything up to the next flag.
 */
export function parsePrompt(prompt: string): ParsedPrompt {
	const words = prompt.trim().split(/\s+/).filter(Boolean);
	const text: string[] = [];
	const flags: ParsedFlag[] = [];
	const values: string[][] = [];
	for (const word of words) {
		if (FLAG_START.test(word)) {
			flags.push(flagFrom(word));
			values.push([]);
		} else if (flags.length === 0) {
			text.push(word);
		} else {
			values[values.length - 1].push(word);
		}
	}
	const firstText = text.findIndex((word) => !isUrl(word));
	return {
		text: text.join(' '),
		imagePrompts: firstText === -1 ? text : text.slice(0, firstText),
		flags: flags.map((flag, index) => normalized({ ...flag, value: values[index].join(' ') })),
	};
}
