import { composePrompt } from './composePrompt';
import { parsePrompt } from './parsePrompt';
import { validateFlags } from './validateFlags';

/** Strict blocks certain errors; Warn Only reports them as warnings; Off checks nothing. */
export type PromptCheckMode = 'strict' | 'warn' | 'off';

export interface CheckedPrompt {
	/** The prompt as it will be sent: fields composed into the text. */
	prompt: string;
	video: boolean;
	/** Certainly wrong: blocks in Strict mode. */
	errors: string[];
	warnings: string[];
}

/** Composes the Prompt Parameters into the prompt text and checks every flag of the result. */
export function checkPrompt(
	promptText: string,
	fields: Record<string, unknown>,
	mode: PromptCheckMode,
): CheckedPrompt {
	const composed = composePrompt(promptText, fields);
	const parsed = parsePrompt(composed.prompt);
	const video = parsed.flags.some((flag) => flag.key === 'video');
	if (mode === 'off') return { prompt: composed.prompt, video, errors: [], warnings: [] };
	const findings = [...composed.findings, ...validateFlags(parsed)];
	const errors = findings.filter((finding) => finding.level === 'error').map((f) => f.message);
	const warnings = findings
		.filter((finding) => finding.level === 'warning')
		.map((finding) => finding.message);
	return mode === 'strict'
		? { prompt: composed.prompt, video, errors, warnings }
		: { prompt: composed.prompt, video, errors: [], warnings: [...errors, ...warnings] };
}
