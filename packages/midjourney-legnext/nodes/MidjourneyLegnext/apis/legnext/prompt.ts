import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { promptParameterFields } from '../../actions/fields/promptParameterFields';
import { inputError, requireText } from '../../helpers/validate';
import type { PromptCheckMode } from '../../prompt/checkPrompt';
import { parsePrompt } from '../../prompt/parsePrompt';
import { preparePrompt } from '../../prompt/preparePrompt';
import type { PromptCheck } from '../../prompt/promptNotes';

/** Legnext's prompt strings (`text`, `prompt`, `remixPrompt`): 1–8192 characters (S2). */
export const PROMPT_MAX_LENGTH = 8192;

/**
 * Prompt Parameters that do not apply to a Legnext image prompt: videos are their own
 * operations (Video → Animate…), not `--video` in a diffusion; Custom Zoom is Outpaint's Scale.
 */
const NOT_FOR_LEGNEXT = new Set(['batchSize', 'endFrame', 'loop', 'motion', 'video', 'zoom']);

/** The versions Legnext names (S6: v6, v7, niji 6; S2: --v 7 --draft). */
const SERVED_VERSIONS = ['6', '6.0', '6.1', '7', '7.0'];
const SERVED_NIJI = ['6'];
/** Reported by third parties only (S8, S9): sent, with a warning. */
const REPORTED_VERSIONS = ['8', '8.0', '8.1', '8.2'];

/** Prompt Parameters and Prompt Check, with the parameters Legnext's image prompts take. */
export function legnextPromptFields(
	displayOptions?: Parameters<typeof promptParameterFields>[0],
): INodeProperties[] {
	return promptParameterFields(displayOptions).map((field) => {
		if (field.name !== 'promptParameters') return field;
		const options = (field.options as INodeProperties[])
			.filter((option) => !NOT_FOR_LEGNEXT.has(option.name))
			.map((option) =>
				option.name === 'version'
					? {
							...option,
							description:
								'--v: model version Legnext serves (6, 6.1, 7; 8.x reported, unconfirmed), or "niji 6" for --niji',
						}
					: option.name === 'speed'
						? {
								...option,
								placeholder: 'fast',
								description:
									'fast or turbo (about twice the points): writes --fast or --turbo. Legnext documents no relax mode.',
							}
						: option,
			);
		return { ...field, options };
	});
}

interface Finding {
	message: string;
	error: boolean;
}

/** What Legnext itself rules out or leaves unconfirmed in a composed prompt. */
function legnextFindings(prompt: string): Finding[] {
	const findings: Finding[] = [];
	for (const flag of parsePrompt(prompt).flags) {
		const value = flag.value.trim();
		if (flag.key === 'video') {
			findings.push({
				error: true,
				message:
					'--video: Legnext makes videos with the Video operations (Animate, Extend, Upscale), not with --video in a prompt',
			});
		} else if (flag.key === 'v' && value !== '') {
			if (REPORTED_VERSIONS.includes(value)) {
				findings.push({
					error: false,
					message: `--v ${value}: only third parties report that Legnext serves V8; if it does not, the job fails or falls back to V7`,
				});
			} else if (!SERVED_VERSIONS.includes(value) && /^\d+(\.\d+)?$/.test(value)) {
				findings.push({
					error: Number(value) < 6,
					message: `--v ${value}: Legnext serves ${SERVED_VERSIONS.join(', ')} (and reportedly 8.x)`,
				});
			}
		} else if (flag.key === 'niji' && value !== '' && !SERVED_NIJI.includes(value)) {
			findings.push({
				error: false,
				message: `--niji ${value}: Legnext names only niji 6; other Niji versions are unconfirmed`,
			});
		} else if (flag.key === 'relax') {
			findings.push({
				error: false,
				message:
					'--relax: Legnext documents only --fast and --turbo; a relax job may be refused or charged as fast',
			});
		}
	}
	return findings;
}

/**
 * The shared check (flags, Prompt Parameters, length), then Legnext's own rules: in Strict mode
 * what Legnext rules out stops the item before any request, the rest joins promptWarnings.
 */
export function checkLegnextPrompt(
	context: IExecuteFunctions,
	itemIndex: number,
	text: string,
): { prompt: string; check?: PromptCheck } {
	const prepared = preparePrompt(context, itemIndex, text, PROMPT_MAX_LENGTH);
	const mode = context.getNodeParameter('promptCheck', itemIndex, 'strict') as PromptCheckMode;
	if (mode === 'off' || !prepared.check) return { prompt: prepared.prompt, check: prepared.check };
	const findings = legnextFindings(prepared.prompt);
	const errors = findings.filter((finding) => finding.error).map((finding) => finding.message);
	if (mode === 'strict' && errors.length > 0) {
		throw inputError(
			context,
			itemIndex,
			`Prompt parameter ${errors[0]}`,
			'Nothing was sent. Fix the prompt or Prompt Parameters, or set Prompt Check to Warn Only to send it anyway.',
		);
	}
	const warnings = findings
		.filter((finding) => mode === 'warn' || !finding.error)
		.map((finding) => finding.message);
	return {
		prompt: prepared.prompt,
		check: { prompt: prepared.prompt, warnings: [...prepared.check.warnings, ...warnings] },
	};
}

/** A required prompt field, checked as above. */
export function readLegnextPrompt(context: IExecuteFunctions, itemIndex: number, field = 'prompt') {
	const text = requireText(
		context,
		itemIndex,
		'Prompt',
		context.getNodeParameter(field, itemIndex),
		PROMPT_MAX_LENGTH,
	);
	return checkLegnextPrompt(context, itemIndex, text);
}

/** Points reserved and charged, lifted out of meta.usage for the simplified output and tools. */
export function usageOf(source: IDataObject | undefined): IDataObject {
	const usage = (source?.meta as IDataObject | undefined)?.usage as IDataObject | undefined;
	if (!usage || typeof usage !== 'object') return {};
	return { usage: { type: usage.type, frozen: usage.frozen, consume: usage.consume } };
}
