import type { ValueCheck } from './flagValues';
import {
	anyText,
	aspectRatio,
	decimalNumber,
	oneOf,
	oneUrl,
	positiveNumber,
	styleReferences,
	urls,
	versionNumber,
	wholeNumber,
} from './flagValues';

/**
 * What a flag does next to --video. The docs say a video job takes only video parameters, so
 * image parameters block; but Midjourney's own settings suffix (/settings) appends --v, --s,
 * --p and the like to every prompt, videos included, so those cannot be refused: they warn.
 */
export type WithVideo = 'ok' | 'warn' | 'block';

export interface FlagRule {
	/** Canonical name, without the dashes. */
	name: string;
	aliases?: string[];
	takes: 'none' | 'optional' | 'required';
	/** A rule the docs state: breaking it is certainly wrong and blocks. */
	check?: ValueCheck;
	/** A value sources disagree on or do not know: breaking it only warns. */
	advise?: (value: string) => string | undefined;
	withVideo: WithVideo;
	videoOnly?: boolean;
	/** The rule in words, for messages and the README. */
	rule: string;
	/** A: the API docs here; B: Midjourney's docs; C: third-party references. */
	authority: string;
}

export const KNOWN_VERSIONS = [
	'1',
	'2',
	'3',
	'4',
	'5',
	'5.0',
	'5.1',
	'5.2',
	'6',
	'6.0',
	'6.1',
	'7',
	'7.0',
	'8',
	'8.0',
	'8.1',
	'8.2',
];
export const KNOWN_NIJI = ['4', '5', '6', '7'];
const KNOWN_QUALITY = ['0.25', '.25', '0.5', '.5', '1', '2', '4'];
const KNOWN_STYLES = ['raw', '4a', '4b', '4c', 'expressive', 'cute', 'scenic', 'original'];

function unless(known: string[], warning: string) {
	return (value: string) => (known.includes(value.toLowerCase()) ? undefined : warning);
}

export const FLAGS: FlagRule[] = [
	{
		name: 'ar',
		aliases: ['aspect'],
		takes: 'required',
		check: aspectRatio,
		withVideo: 'warn',
		rule: 'W:H, whole numbers above 0 (e.g. 16:9)',
		authority: 'A (OpenAPI aspect_ratio pattern ^[0-9]+:[0-9]+$)',
	},
	{
		name: 'v',
		aliases: ['version'],
		takes: 'required',
		check: versionNumber,
		advise: unless(KNOWN_VERSIONS, 'not a version this node knows; passed on unchecked'),
		withVideo: 'warn',
		rule: `a version number; known: ${KNOWN_VERSIONS.join(', ')}`,
		authority: 'A (OpenAPI 5.2–7.0), C (V8, V8.1, V8.2)',
	},
	{
		name: 'niji',
		takes: 'optional',
		check: versionNumber,
		advise: unless(KNOWN_NIJI, 'not a Niji version this node knows; passed on unchecked'),
		withVideo: 'warn',
		rule: `optional version number; known: ${KNOWN_NIJI.join(', ')}`,
		authority: 'C',
	},
	{
		name: 's',
		aliases: ['stylize'],
		takes: 'required',
		check: wholeNumber(0, 1000),
		withVideo: 'warn',
		rule: 'whole number 0–1000',
		authority: 'A (OpenAPI stylize)',
	},
	{
		name: 'c',
		aliases: ['chaos'],
		takes: 'required',
		check: wholeNumber(0, 100),
		withVideo: 'block',
		rule: 'whole number 0–100',
		authority: 'A (OpenAPI chaos)',
	},
	{
		name: 'weird',
		aliases: ['w'],
		takes: 'required',
		check: wholeNumber(0, 3000),
		withVideo: 'block',
		rule: 'whole number 0–3000',
		authority: 'C',
	},
	{
		name: 'q',
		aliases: ['quality'],
		takes: 'required',
		check: positiveNumber,
		advise: unless(KNOWN_QUALITY, 'not among the documented values 0.25, 0.5, 1, 2, 4'),
		withVideo: 'block',
		rule: 'a number above 0; documented values 0.25, 0.5, 1, 2 (OpenAPI) and 1, 2, 4 (V7)',
		authority: 'A (OpenAPI enum), C (V7 sets conflict)',
	},
	{
		name: 'seed',
		takes: 'required',
		check: wholeNumber(0, 4294967295),
		withVideo: 'warn',
		rule: 'whole number 0–4294967295',
		authority: 'A (OpenAPI seed)',
	},
	{
		name: 'no',
		takes: 'required',
		check: anyText,
		withVideo: 'block',
		rule: 'comma-separated words to leave out',
		authority: 'A (OpenAPI no)',
	},
	{ name: 'tile', takes: 'none', withVideo: 'block', rule: 'no value', authority: 'C' },
	{
		name: 'raw',
		takes: 'none',
		withVideo: 'ok',
		rule: 'no value (same as --style raw)',
		authority: 'A, C',
	},
	{
		name: 'style',
		takes: 'required',
		check: anyText,
		advise: unless(KNOWN_STYLES, `not a known style (${KNOWN_STYLES.join(', ')})`),
		withVideo: 'warn',
		rule: 'raw (older versions: 4a, 4b, 4c, expressive, cute, scenic, original)',
		authority: 'C',
	},
	{ name: 'draft', takes: 'none', withVideo: 'block', rule: 'no value', authority: 'C' },
	{ name: 'hd', takes: 'none', withVideo: 'ok', rule: 'no value (V8+)', authority: 'B, C' },
	{ name: 'sd', takes: 'none', withVideo: 'ok', rule: 'no value (V8+)', authority: 'B, C' },
	{
		name: 'sref',
		takes: 'required',
		check: styleReferences,
		withVideo: 'block',
		rule: 'image URLs, numeric codes or random, each optionally ::weighted',
		authority: 'C',
	},
	{
		name: 'sw',
		takes: 'required',
		check: wholeNumber(0, 1000),
		withVideo: 'block',
		rule: 'whole number 0–1000',
		authority: 'C',
	},
	{
		name: 'sv',
		takes: 'required',
		check: wholeNumber(1, 99),
		advise: unless(['4', '6', '7'], 'not among the documented style versions 4, 6, 7'),
		withVideo: 'block',
		rule: 'a style version; documented 4, 6, 7',
		authority: 'C',
	},
	{
		name: 'oref',
		takes: 'required',
		check: oneUrl,
		withVideo: 'block',
		rule: 'one image URL (V7+)',
		authority: 'C',
	},
	{
		name: 'ow',
		takes: 'required',
		check: wholeNumber(1, 1000),
		withVideo: 'block',
		rule: 'whole number 1–1000',
		authority: 'C',
	},
	{
		name: 'cref',
		takes: 'required',
		check: urls,
		withVideo: 'block',
		rule: 'image URLs (V6 and Niji 6)',
		authority: 'C',
	},
	{
		name: 'cw',
		takes: 'required',
		check: wholeNumber(0, 100),
		withVideo: 'block',
		rule: 'whole number 0–100',
		authority: 'C',
	},
	{
		name: 'iw',
		takes: 'required',
		check: decimalNumber(0, 3),
		advise: (value) =>
			Number(value) > 2 ? 'above 2: most sources give 0–2, one gives 0–3 for V7' : undefined,
		withVideo: 'block',
		rule: 'a number 0–3 (0–2 in most sources)',
		authority: 'C (conflicting)',
	},
	{
		name: 'p',
		aliases: ['profile', 'personalize'],
		takes: 'optional',
		check: anyText,
		withVideo: 'warn',
		rule: 'optional personalization or moodboard codes',
		authority: 'C; account safety: A',
	},
	{
		name: 'exp',
		takes: 'required',
		check: decimalNumber(0, 100),
		withVideo: 'block',
		rule: 'a number 0–100',
		authority: 'C',
	},
	{
		name: 'stop',
		takes: 'required',
		check: wholeNumber(10, 100),
		withVideo: 'block',
		rule: 'whole number 10–100',
		authority: 'C',
	},
	{
		name: 'repeat',
		aliases: ['r'],
		takes: 'required',
		check: wholeNumber(2, 40),
		withVideo: 'block',
		rule: 'whole number 2–40 (the plan sets the maximum: 4 Basic, 10 Standard, 40 Pro/Mega)',
		authority: 'C',
	},
	{ name: 'fast', takes: 'none', withVideo: 'ok', rule: 'no value', authority: 'A, C' },
	{ name: 'relax', takes: 'none', withVideo: 'ok', rule: 'no value', authority: 'A, C' },
	{ name: 'turbo', takes: 'none', withVideo: 'ok', rule: 'no value', authority: 'C' },
	{ name: 'video', takes: 'none', withVideo: 'ok', rule: 'no value', authority: 'A' },
	{
		name: 'motion',
		takes: 'required',
		check: oneOf('low', 'high'),
		withVideo: 'ok',
		videoOnly: true,
		rule: 'low or high',
		authority: 'A (imagine page)',
	},
	{
		name: 'loop',
		takes: 'none',
		withVideo: 'ok',
		videoOnly: true,
		rule: 'no value',
		authority: 'A',
	},
	{
		name: 'end',
		takes: 'required',
		check: oneUrl,
		withVideo: 'ok',
		videoOnly: true,
		rule: 'one image URL (the last frame)',
		authority: 'A',
	},
	{
		name: 'bs',
		takes: 'required',
		check: oneOf('1', '2', '4'),
		withVideo: 'ok',
		videoOnly: true,
		rule: '1, 2 or 4 (videos per job)',
		authority: 'B (docs.midjourney.com video)',
	},
	{
		name: 'zoom',
		takes: 'required',
		check: decimalNumber(1, 2),
		withVideo: 'block',
		rule: 'a number 1–2 (Custom Zoom)',
		authority: 'B (Custom Zoom)',
	},
];

const BY_NAME = new Map<string, FlagRule>(
	FLAGS.flatMap((flag) => [flag.name, ...(flag.aliases ?? [])].map((name) => [name, flag])),
);

/** The rule for a flag name or alias (lower case, no dashes). */
export function flagRule(name: string): FlagRule | undefined {
	return BY_NAME.get(name);
}

/** Every name and alias, longest first, to recognise a value glued to its flag (--ar16:9). */
export const FLAG_NAMES = [...BY_NAME.keys()].sort((a, b) => b.length - a.length);
