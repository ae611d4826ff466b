import type { IDataObject } from 'n8n-workflow';

import { personalizationNotices, PromptBatch } from './accountNotices';
import type { PromptCheckMode } from './checkPrompt';
import { checkPrompt } from './checkPrompt';
import { parsePrompt } from './parsePrompt';

/** A checked prompt as a verb sends it, with the warnings the check left for its item. */
export interface PromptCheck {
	prompt: string;
	warnings: string[];
}

/**
 * The promptWarnings of a run's items: each item's own, and, for APIs that run jobs on the
 * user's Discord accounts, useapi.net's account-safety notices (--p codes, repeated prompts in
 * the batch, complete once every item is added). A value the run carries, so nothing is keyed by
 * n8n's context.
 */
export class PromptNotes {
	private readonly batch = new PromptBatch();

	constructor(private readonly accountNotices: boolean) {}

	private readonly own = new Map<number, string[]>();

	private readonly prompts = new Map<number, string>();

	add(itemIndex: number, check: PromptCheck | undefined): void {
		if (!check) return;
		this.batch.add(itemIndex, check.prompt);
		this.prompts.set(itemIndex, check.prompt);
		this.own.set(itemIndex, check.warnings);
	}

	private accountNoticesFor(itemIndex: number): string[] {
		const prompt = this.prompts.get(itemIndex);
		if (!this.accountNotices || prompt === undefined) return [];
		return [...personalizationNotices(parsePrompt(prompt)), ...this.batch.noticesFor(itemIndex)];
	}

	of(itemIndex: number): IDataObject {
		const own = this.own.get(itemIndex);
		if (!own) return {};
		const warnings = [...own, ...this.accountNoticesFor(itemIndex)];
		return warnings.length > 0 ? { promptWarnings: warnings } : {};
	}
}

/**
 * The notes again after a pause, in whichever process resumes it: each job's prompt is checked
 * as the API holds it (the prompt the node sent, Prompt Parameters already in it).
 */
export function promptNotesOfPrompts(
	prompts: Array<string | undefined>,
	mode: PromptCheckMode,
	accountNotices: boolean,
): PromptNotes {
	const notes = new PromptNotes(accountNotices);
	if (mode === 'off') return notes;
	for (const [itemIndex, prompt] of prompts.entries()) {
		if (prompt !== undefined)
			notes.add(itemIndex, { prompt, warnings: checkPrompt(prompt, {}, mode).warnings });
	}
	return notes;
}
