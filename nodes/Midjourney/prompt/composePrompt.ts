import type { PromptFinding } from './finding';
import { error, shown } from './finding';
import { flagRule } from './flagTable';
import { isUrl } from './flagValues';
import { parsePrompt } from './parsePrompt';

/** Prompt Parameters field → the flag it writes. Booleans write the bare flag. */
const FIELD_FLAGS: Record<string, string> = {
	aspectRatio: 'ar',
	stylize: 's',
	chaos: 'c',
	weird: 'weird',
	quality: 'q',
	seed: 'seed',
	no: 'no',
	tile: 'tile',
	raw: 'raw',
	draft: 'draft',
	styleReferences: 'sref',
	styleWeight: 'sw',
	styleVersion: 'sv',
	omniReference: 'oref',
	omniWeight: 'ow',
	characterReference: 'cref',
	characterWeight: 'cw',
	imageWeight: 'iw',
	exp: 'exp',
	stop: 'stop',
	repeat: 'repeat',
	video: 'video',
	motion: 'motion',
	loop: 'loop',
	endFrame: 'end',
	batchSize: 'bs',
	zoom: 'zoom',
};

const SPEEDS = ['fast', 'relax', 'turbo'];

/** Where a field lists several references, commas are accepted as separators. */
const LISTS = ['sref', 'cref'];

interface FieldFlag {
	key: string;
	value: string;
}

const text = (value: unknown) =>
	value === undefined || value === null ? '' : String(value).trim();

function versionFlag(version: string): FieldFlag {
	const niji = /^niji\s*(.*)$/i.exec(version);
	return niji ? { key: 'niji', value: niji[1] } : { key: 'v', value: version };
}

function personalizationFlag(fields: Record<string, unknown>): FieldFlag[] {
	const codes = text(fields.personalizationCodes).replace(/,\s*/g, ' ');
	return fields.personalize === true || codes ? [{ key: 'p', value: codes }] : [];
}

/** The flags the Prompt Parameters fields ask for: the model first, then a fixed order. */
export function fieldFlags(fields: Record<string, unknown>): FieldFlag[] {
	const flags: FieldFlag[] = [];
	if (text(fields.version)) flags.push(versionFlag(text(fields.version)));
	for (const [field, key] of Object.entries(FIELD_FLAGS)) {
		const value = fields[field];
		if (value === true) flags.push({ key, value: '' });
		else if (value !== false && text(value) !== '') {
			const written = LISTS.includes(key) ? text(value).replace(/,\s*/g, ' ') : text(value);
			flags.push({ key, value: written });
		}
	}
	const speed = text(fields.speed).toLowerCase();
	if (SPEEDS.includes(speed)) flags.push({ key: speed, value: '' });
	return [...flags, ...personalizationFlag(fields)];
}

const written = (flag: FieldFlag) => (flag.value ? `--${flag.key} ${flag.value}` : `--${flag.key}`);

export interface ComposedPrompt {
	prompt: string;
	/** Fields that contradict a flag already in the prompt text. */
	findings: PromptFinding[];
}

/**
 * The prompt with the Prompt Parameters fields appended in Midjourney's syntax (image prompts
 * first). A field whose flag the text already has is not written: the same value is said
 * once, a different one is a contradiction.
 */
export function composePrompt(promptText: string, fields: Record<string, unknown>): ComposedPrompt {
	const parsed = parsePrompt(promptText);
	const findings: PromptFinding[] = [];
	const appended: string[] = [];
	for (const flag of fieldFlags(fields)) {
		const key = flagRule(flag.key)?.name ?? flag.key;
		const inText = parsed.flags.find((typed) => typed.key === key);
		if (!inText) appended.push(written(flag));
		else if (inText.value.toLowerCase() !== flag.value.toLowerCase()) {
			findings.push(
				error(
					`Prompt Parameters → ${written(flag)} contradicts ${shown(inText)} in the prompt text: remove one (the field is not applied)`,
				),
			);
		}
	}
	const images = text(fields.imagePrompts)
		.split(/[\s,]+/)
		.filter((url) => url && !parsed.imagePrompts.includes(url));
	const speed = text(fields.speed).toLowerCase();
	if (speed && !SPEEDS.includes(speed)) {
		findings.push(
			error(`Prompt Parameters → Speed "${speed}" must be one of ${SPEEDS.join(', ')}`),
		);
	}
	for (const image of images.filter((url) => !isUrl(url))) {
		findings.push(
			error(`Prompt Parameters → Image Prompts: "${image}" is not an http(s) image URL`),
		);
	}
	const prompt = [...images, promptText.trim(), ...appended].filter(Boolean).join(' ');
	return { prompt, findings };
}
