import type { PromptFinding } from './finding';
import { error, warning } from './finding';
import type { ParsedFlag, ParsedPrompt } from './parsePrompt';

interface Model {
	/** The --v number, or undefined when the account's default applies (unknown here). */
	version?: number;
	niji: boolean;
}

type Relation = (flags: Map<string, ParsedFlag>, model: Model, parsed: ParsedPrompt) => string[];

function modelOf(flags: Map<string, ParsedFlag>): Model {
	const version = Number(flags.get('v')?.value);
	return {
		version: Number.isFinite(version) && version > 0 ? version : undefined,
		niji: flags.has('niji'),
	};
}

const value = (flags: Map<string, ParsedFlag>, name: string) => flags.get(name)?.value ?? '';

/** Weights and settings that only act on another flag. */
const needs: Relation = (flags, _model, parsed) =>
	[
		['sw', 'sref'],
		['sv', 'sref'],
		['ow', 'oref'],
		['cw', 'cref'],
	]
		.filter(([weight, target]) => flags.has(weight) && !flags.has(target))
		.map(([weight, target]) => `--${weight} has no effect without --${target}`)
		.concat(
			flags.has('iw') && parsed.imagePrompts.length === 0
				? ['--iw has no effect without an image prompt (an image URL at the start of the prompt)']
				: [],
		);

/** Version-dependent rules: sources disagree or are unconfirmed, so they only warn. */
const byVersion: Relation = (flags, { version, niji }) => {
	const notes: string[] = [];
	const quality = Number(value(flags, 'q'));
	if (version !== undefined && version >= 7 && flags.has('q') && quality < 1) {
		notes.push(`--q ${value(flags, 'q')}: V7 documents 1, 2 and 4 (one source: only 1 and 2)`);
	}
	if (version !== undefined && version < 7 && quality === 4) {
		notes.push('--q 4: documented for V7 only (the OpenAPI lists 0.25, 0.5, 1, 2)');
	}
	if (flags.has('oref') && ((version !== undefined && version < 7) || niji)) {
		notes.push('--oref: documented for V7 and later only');
	}
	if (flags.has('oref') && (quality === 4 || flags.has('draft'))) {
		notes.push('--oref: documented as not working with --q 4 or --draft');
	}
	if (flags.has('cref') && version !== undefined && version >= 7) {
		notes.push('--cref: documented for V6 and Niji 6 only (V7 uses --oref)');
	}
	if (flags.has('no') && version === 8.1) {
		notes.push('--no: one V8.1 reference says V8.1 refuses it (unconfirmed)');
	}
	if (flags.has('stop') && version !== undefined && version >= 7) {
		notes.push('--stop: support on V7 and later is unclear');
	}
	if (flags.has('draft') && version !== undefined && version < 7) {
		notes.push('--draft: documented for V7 and later only');
	}
	for (const name of ['hd', 'sd']) {
		if (flags.has(name) && version !== undefined && version < 8) {
			notes.push(`--${name}: documented for V8 and later only`);
		}
	}
	return notes;
};

const styleCodes: Relation = (flags) => {
	const codes = value(flags, 'sref')
		.split(/\s+/)
		.some((token) => /^(\d+|random)(::|$)/i.test(token));
	const styleVersion = value(flags, 'sv');
	return codes && styleVersion && !['4', '6'].includes(styleVersion)
		? [`--sv ${styleVersion}: numeric and random --sref codes are documented with --sv 4 or 6 only`]
		: [];
};

const repeatSpeed: Relation = (flags) =>
	flags.has('repeat') && flags.has('relax')
		? ['--repeat: documented for Fast and Turbo mode only, not --relax']
		: [];

/** Two flags that choose the same thing: Midjourney cannot honour both. */
function conflicts(flags: Map<string, ParsedFlag>): PromptFinding[] {
	const findings: PromptFinding[] = [];
	if (flags.has('v') && flags.has('niji')) {
		findings.push(error('--v and --niji both choose the model: keep one'));
	}
	const speeds = ['fast', 'relax', 'turbo'].filter((speed) => flags.has(speed));
	if (speeds.length > 1) {
		findings.push(error(`${speeds.map((speed) => `--${speed}`).join(' and ')}: choose one speed`));
	}
	return findings;
}

/** Rules between flags: conflicts block, the rest warn. */
export function flagRelations(parsed: ParsedPrompt): PromptFinding[] {
	const flags = new Map(parsed.flags.filter((flag) => flag.rule).map((flag) => [flag.key, flag]));
	const model = modelOf(flags);
	const notes = [needs, byVersion, styleCodes, repeatSpeed].flatMap((relation) =>
		relation(flags, model, parsed),
	);
	return [...conflicts(flags), ...notes.map(warning)];
}
