import { PromptBatch } from '../nodes/Midjourney/prompt/accountNotices';
import { PromptNotes } from '../nodes/Midjourney/prompt/promptNotes';
import { checkPrompt } from '../nodes/Midjourney/prompt/checkPrompt';
import { composePrompt, fieldFlags } from '../nodes/Midjourney/prompt/composePrompt';
import { FLAGS } from '../nodes/Midjourney/prompt/flagTable';
import { parsePrompt } from '../nodes/Midjourney/prompt/parsePrompt';

const strict = (prompt: string, fields: Record<string, unknown> = {}) =>
	checkPrompt(prompt, fields, 'strict');

const URL = 'https://example.com/a.png';

/** [prompt, the rule the error names]: each must block in Strict mode. */
const INVALID: Array<[string, RegExp]> = [
	['a cat --ar16:9', /--ar16:9: .*glued.*--ar 16:9/],
	['a cat --s5000', /--s5000: .*--s 5000/],
	['a cat --v7', /--v7: .*--v 7/],
	['a cat --ar=16:9', /--ar 16:9/],
	['a cat --ar 16/9', /--ar 16\/9: --ar must be two whole numbers above 0 as W:H/],
	['a cat --ar 0:1', /--ar must be/],
	['a cat --ar 1.5:1', /--ar must be/],
	['a cat --ar', /--ar needs a value/],
	['a cat --aspect', /--aspect needs a value/],
	['a cat --v', /--v needs a value/],
	['a cat --v seven', /--v must be a version number/],
	['a cat --niji six', /--niji must be a version number/],
	['a cat --s 5000', /--s 5000: --s must be a whole number from 0 to 1000/],
	['a cat --stylize -1', /--stylize -1: --s must be/],
	['a cat --s 2.5', /--s must be a whole number/],
	['a cat --c 101', /--c must be a whole number from 0 to 100/],
	['a cat --chaos', /--chaos needs a value/],
	['a cat --weird 3001', /--weird must be a whole number from 0 to 3000/],
	['a cat --w 5000', /--weird must be/],
	['a cat --q 0', /--q must be a number above 0/],
	['a cat --quality high', /--q must be a number above 0/],
	['a cat --seed 4294967296', /--seed must be a whole number from 0 to 4294967295/],
	['a cat --seed -1', /--seed needs a value|--seed must be/],
	['a cat --no', /--no needs a value/],
	['a cat --tile 2', /--tile takes no value/],
	['a cat --raw please', /--raw takes no value/],
	['a cat --draft now', /--draft takes no value/],
	['a cat --sref style.png', /--sref must be image URLs, numeric style codes or random/],
	['a cat --sref', /--sref needs a value/],
	[`a cat --sref ${URL} --sw 1001`, /--sw must be a whole number from 0 to 1000/],
	[`a cat --sref ${URL} --sv x`, /--sv must be a whole number/],
	['a cat --oref not-a-url', /--oref must be one image URL/],
	[`a cat --oref ${URL} ${URL}`, /--oref must be one image URL/],
	[`a cat --oref ${URL} --ow 0`, /--ow must be a whole number from 1 to 1000/],
	['a cat --cref face.png', /--cref must be image URLs/],
	[`a cat --cref ${URL} --cw 101`, /--cw must be a whole number from 0 to 100/],
	[`${URL} a cat --iw 3.5`, /--iw must be a number from 0 to 3/],
	['a cat --exp 101', /--exp must be a number from 0 to 100/],
	['a cat --stop 5', /--stop must be a whole number from 10 to 100/],
	['a cat --repeat 1', /--repeat must be a whole number from 2 to 40/],
	['a cat --r 41', /--repeat must be/],
	['a cat --fast 2', /--fast takes no value/],
	['a cat --relax --fast', /--fast and --relax: choose one speed/],
	['a cat --video --motion fast', /--motion must be one of low, high/],
	['a cat --video --motion', /--motion needs a value/],
	['a cat --motion low', /--motion works only in a --video prompt/],
	['a cat --loop', /--loop works only in a --video prompt/],
	[`a cat --end ${URL}`, /--end works only in a --video prompt/],
	['a cat --video --end later', /--end must be one image URL/],
	['a cat --video --bs 3', /--bs must be one of 1, 2, 4/],
	['a cat --bs 2', /--bs works only in a --video prompt/],
	['a cat --video --tile', /--tile is an image parameter; a --video job takes only/],
	['a cat --video --c 10', /--c is an image parameter/],
	['a cat --video --no dogs', /--no is an image parameter/],
	['a cat --video 1', /--video takes no value/],
	['a cat --zoom 3', /--zoom must be a number from 1 to 2/],
	['a cat --v 7 --niji 6', /--v and --niji both choose the model/],
	['a cat --ar 16:9 --ar 4:3', /--ar is given 2 times with different values/],
	['a cat --s 100 --stylize 250', /--s is given 2 times with different values/],
	['a cat —ar 16/9', /—ar 16\/9: --ar must be/],
];

/** Prompts that pass Strict mode without any warning. */
const VALID = [
	'a cat',
	'a cat --ar 16:9',
	'a cat --aspect 2:3 --v 7 --s 250',
	'a cat --v 6.1 --stylize 0 --chaos 100 --weird 3000',
	'a cat --niji',
	'a cat --niji 6',
	'a cat --q 2 --seed 4294967295',
	'a cat --q .5 --v 6',
	'a cat --no text, watermark --tile',
	'a cat --style raw --v 7',
	'a cat --raw --draft --v 7',
	`a cat --sref ${URL} 123456::2 random --sw 500 --sv 6`,
	`a cat --oref ${URL} --ow 400 --v 7`,
	`a cat --cref ${URL} ${URL} --cw 0 --v 6`,
	`${URL} a cat --iw 1.5`,
	'a cat --p',
	'a cat --exp 25 --stop 50 --v 6',
	'a cat --repeat 4 --fast',
	'a cat --turbo',
	'a cat --video',
	`${URL} a cat --video --motion high --raw --loop --bs 2`,
	`a cat --video --end ${URL} --relax`,
	'a cat --zoom 1.5',
	'a cat --hd --v 8',
	'a cat --sd --v 8.1',
	'well-known--hyphens stay text',
	'a cat —ar 16:9',
];

/** [prompt, what the warning says]: passes Strict mode, with a notice in promptWarnings. */
const WARNED: Array<[string, RegExp]> = [
	['a cat --hdr', /--hdr: unknown parameter, sent unchecked/],
	['a cat --v 9', /--v 9: not a version this node knows/],
	['a cat --niji 8', /--niji 8: not a Niji version/],
	['a cat --q 3', /--q 3: not among the documented values/],
	['a cat --q 0.25 --v 7', /--q 0.25: V7 documents 1, 2 and 4/],
	['a cat --q 4 --v 6', /--q 4: documented for V7 only/],
	[`${URL} a cat --iw 2.5`, /--iw 2.5: above 2/],
	['a cat --iw 1', /--iw has no effect without an image prompt/],
	['a cat --sw 100', /--sw has no effect without --sref/],
	['a cat --ow 100', /--ow has no effect without --oref/],
	['a cat --cw 50', /--cw has no effect without --cref/],
	['a cat --sref 123 --sv 7', /numeric and random --sref codes are documented with --sv 4 or 6/],
	[`a cat --sref ${URL} --sv 5`, /not among the documented style versions/],
	[`a cat --oref ${URL} --v 6`, /--oref: documented for V7/],
	[`a cat --oref ${URL} --q 4`, /--oref: documented as not working with --q 4/],
	[`a cat --cref ${URL} --v 7`, /--cref: documented for V6 and Niji 6/],
	['a cat --no dogs --v 8.1', /--no: one V8.1 reference/],
	['a cat --stop 50 --v 7', /--stop: support on V7/],
	['a cat --draft --v 6', /--draft: documented for V7/],
	['a cat --hd --v 7', /--hd: documented for V8/],
	['a cat --repeat 3 --relax', /--repeat: documented for Fast and Turbo/],
	['a cat --style fancy', /--style fancy: not a known style/],
	['a cat --ar 16:9 --ar 16:9', /--ar is given 2 times/],
	['a cat --ar {16:9, 1:1}', /permutations/],
	['a cat --video --s 250', /--s 250: not documented for --video jobs/],
	['a cat --video --v 7 --ar 16:9', /--ar 16:9: not documented for --video/],
];

describe('prompt flags: every flag of the table is tested', () => {
	it('names each flag of the table in at least one invalid or valid case', () => {
		const cases = [...INVALID.map(([prompt]) => prompt), ...VALID].join(' ');
		const untested = FLAGS.filter(
			(flag) => ![flag.name, ...(flag.aliases ?? [])].some((name) => cases.includes(`--${name}`)),
		);
		expect(untested.map((flag) => flag.name)).toEqual([]);
	});
});

describe('prompt flags: what blocks in Strict mode', () => {
	it.each(INVALID)('%s', (prompt, rule) => {
		const checked = strict(prompt);
		expect(checked.errors.length).toBeGreaterThan(0);
		expect(checked.errors.join('\n')).toMatch(rule);
	});

	it.each(VALID)('passes %s', (prompt) => {
		expect(strict(prompt)).toMatchObject({ errors: [], warnings: [] });
	});

	it.each(WARNED)('warns, never blocks: %s', (prompt, notice) => {
		const checked = strict(prompt);
		expect(checked.errors).toEqual([]);
		expect(checked.warnings.join('\n')).toMatch(notice);
	});

	it('Warn Only turns every error into a warning; Off checks nothing', () => {
		const prompt = 'a cat --ar16:9 --s 5000 --hdr';
		const warn = checkPrompt(prompt, {}, 'warn');
		expect(warn.errors).toEqual([]);
		expect(warn.warnings).toEqual([
			expect.stringMatching(/--ar16:9/),
			expect.stringMatching(/--s 5000/),
			expect.stringMatching(/--hdr: unknown/),
		]);
		expect(checkPrompt(prompt, {}, 'off')).toEqual({
			prompt,
			video: false,
			errors: [],
			warnings: [],
		});
	});
});

describe('prompt flags: the parser', () => {
	it('splits text, image prompts and flags the way Midjourney reads them', () => {
		const parsed = parsePrompt(
			`${URL} a cat, well-known --no red,  green --Stylize 250 —ar 2:3 --style raw`,
		);
		expect(parsed.imagePrompts).toEqual([URL]);
		expect(parsed.text).toBe(`${URL} a cat, well-known`);
		expect(parsed.flags.map(({ key, typed, value }) => ({ key, typed, value }))).toEqual([
			{ key: 'no', typed: '--no', value: 'red, green' },
			{ key: 's', typed: '--Stylize', value: '250' },
			{ key: 'ar', typed: '—ar', value: '2:3' },
			{ key: 'raw', typed: '--style raw', value: '' },
		]);
	});

	it('says what is video', () => {
		expect(strict('a cat --video').video).toBe(true);
		expect(strict('a cat --videos').video).toBe(false);
		expect(strict('a cat', { video: true }).video).toBe(true);
	});
});

describe('prompt flags: fields → prompt → parsed flags', () => {
	const fields = {
		aspectRatio: '16:9',
		version: '7',
		stylize: 250,
		chaos: 0,
		weird: 10,
		quality: '2',
		seed: 42,
		no: 'text, watermark',
		tile: true,
		raw: true,
		draft: false,
		styleReferences: `${URL}, 123456`,
		styleWeight: 300,
		styleVersion: 6,
		omniReference: URL,
		omniWeight: 200,
		imagePrompts: URL,
		imageWeight: 1.5,
		personalize: true,
		exp: 10,
		stop: 90,
		repeat: 2,
		speed: 'fast',
	};

	it('writes each field as its flag, in Midjourney syntax, image prompts first', () => {
		const { prompt, findings } = composePrompt('a cat', fields);
		expect(findings).toEqual([]);
		expect(prompt).toBe(
			`${URL} a cat --v 7 --ar 16:9 --s 250 --c 0 --weird 10 --q 2 --seed 42 --no text, watermark --tile --raw --sref ${URL} 123456 --sw 300 --sv 6 --oref ${URL} --ow 200 --iw 1.5 --exp 10 --stop 90 --repeat 2 --fast --p`,
		);
	});

	it('round-trips: the parsed flags of the composed prompt are the fields', () => {
		const { prompt } = composePrompt('a cat', fields);
		const parsed = parsePrompt(prompt);
		expect(parsed.flags.map(({ key, value }) => ({ key, value }))).toEqual(fieldFlags(fields));
		expect(parsed.imagePrompts).toEqual([URL]);
	});

	it('round-trips the video fields', () => {
		const video = { video: true, motion: 'high', loop: true, endFrame: URL, batchSize: '2' };
		const checked = strict('a wave', video);
		expect(checked).toMatchObject({ errors: [], warnings: [], video: true });
		expect(checked.prompt).toBe(`a wave --video --motion high --loop --end ${URL} --bs 2`);
		expect(parsePrompt(checked.prompt).flags.map(({ key }) => key)).toEqual(
			fieldFlags(video).map(({ key }) => key),
		);
	});

	it('writes "niji 6" as --niji 6 and personalization codes as --p codes', () => {
		expect(
			composePrompt('a cat', { version: 'niji 6', personalizationCodes: 'ab12, cd34' }).prompt,
		).toBe('a cat --niji 6 --p ab12 cd34');
	});

	it('checks field values with the same rules as typed flags', () => {
		expect(strict('a cat', { stylize: 5000 }).errors).toEqual([
			expect.stringMatching(/--s 5000: --s must be a whole number from 0 to 1000/),
		]);
		expect(strict('a cat', { motion: 'low' }).errors[0]).toMatch(
			/--motion works only in a --video/,
		);
		expect(strict('a cat', { speed: 'warp' })).toMatchObject({
			prompt: 'a cat',
			errors: [expect.stringMatching(/Speed "warp" must be one of fast, relax, turbo/)],
		});
		expect(strict('a cat', { quality: '3', batchSize: '3' }).errors).toEqual([
			expect.stringMatching(/--bs 3: --bs must be one of 1, 2, 4/),
			expect.stringMatching(/--bs works only in a --video prompt/),
		]);
		expect(strict('a cat', { imagePrompts: 'cat.png' }).errors[0]).toMatch(
			/Image Prompts: "cat.png" is not an http\(s\) image URL/,
		);
	});

	it('blocks a field that contradicts a flag of the text and does not repeat an equal one', () => {
		const contradiction = strict('a cat --ar 4:3', { aspectRatio: '16:9' });
		expect(contradiction.errors).toEqual([
			expect.stringMatching(
				/Prompt Parameters → --ar 16:9 contradicts --ar 4:3 in the prompt text/,
			),
		]);
		expect(
			strict('a cat --aspect 16:9 --stylize 250', { aspectRatio: '16:9', stylize: 250 }),
		).toEqual({
			prompt: 'a cat --aspect 16:9 --stylize 250',
			video: false,
			errors: [],
			warnings: [],
		});
		expect(strict('a cat --style raw', { raw: true }).prompt).toBe('a cat --style raw');
	});
});

describe('account-safety notices: only for APIs that run jobs on Discord accounts', () => {
	function notes(accountNotices: boolean, prompts: string[]) {
		const all = new PromptNotes(accountNotices);
		for (const [index, prompt] of prompts.entries()) {
			all.add(index, { prompt, warnings: strict(prompt).warnings });
		}
		return prompts.map((_prompt, index) => all.of(index).promptWarnings);
	}

	it('adds the --p code and repeated-prompt notices to the prompt check for useapi.net', () => {
		const [fox, again] = notes(true, ['a fox --p abc123', 'a fox --p abc123']);
		expect(fox).toEqual([
			expect.stringMatching(/^--p codes: useapi.net warns/),
			expect.stringMatching(/^Same prompt as item 1/),
		]);
		expect(again).toHaveLength(2);
	});

	it('leaves them out for an API without Discord accounts, keeping the prompt check', () => {
		const [fox, again, unknown] = notes(false, [
			'a fox --p abc123',
			'a fox --p abc123',
			'a cat --hdr',
		]);
		expect(fox).toBeUndefined();
		expect(again).toBeUndefined();
		expect(unknown).toEqual([expect.stringMatching(/--hdr: unknown parameter/)]);
	});
});

describe('account-safety notices across a batch', () => {
	function notices(prompts: string[]) {
		const batch = new PromptBatch();
		prompts.forEach((prompt, index) => batch.add(index, prompt));
		return prompts.map((_prompt, index) => batch.noticesFor(index));
	}

	it('notices identical prompts and prompts that differ only by a counter', () => {
		const [first, second, third, fourth] = notices([
			'My test prompt 1',
			'My test prompt 2',
			'a different prompt',
			'my  TEST prompt 1',
		]);
		expect(first).toEqual([expect.stringMatching(/^Same prompt as item 3: useapi.net warns/)]);
		expect(second).toEqual([expect.stringMatching(/^Differs from item 0, 3 only by a number/)]);
		expect(third).toEqual([]);
		expect(fourth).toEqual([expect.stringMatching(/^Same prompt as item 0/)]);
	});

	it('stays quiet for a batch of different prompts', () => {
		expect(notices(['a cat', 'a dog', 'a fox --ar 2:3'])).toEqual([[], [], []]);
	});
});
