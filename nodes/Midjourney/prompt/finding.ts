import type { ParsedFlag } from './parsePrompt';

/** An error is certainly wrong and blocks (in Strict mode); a warning only goes to the output. */
export interface PromptFinding {
	level: 'error' | 'warning';
	message: string;
}

export const error = (message: string): PromptFinding => ({ level: 'error', message });
export const warning = (message: string): PromptFinding => ({ level: 'warning', message });

/** A flag as the user wrote it, for messages. */
export function shown(flag: ParsedFlag): string {
	const text = flag.value ? `${flag.typed} ${flag.value}` : flag.typed;
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
