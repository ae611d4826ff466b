import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

function numberField(
	displayName: string,
	name: string,
	flag: string,
	range: string,
	meaning: string,
	initial: number,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		default: initial,
		description: `${flag}, ${range}. ${meaning}.`,
	};
}

function switchField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'boolean', default: false, description };
}

function textField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, description };
}

/**
 * Each field writes one Midjourney flag. Fields are text or numbers, not dropdowns, so an AI
 * agent can fill any of them ($fromAI does not reach options fields); the flag rules check them.
 */
const PARAMETERS: INodeProperties[] = [
	textField('Aspect Ratio', 'aspectRatio', '16:9', '--ar W:H, whole numbers (e.g. 16:9, 2:3)'),
	textField('Batch Size (Video)', 'batchSize', '4', '--bs: 1, 2 or 4 videos per job (video only)'),

	numberField('Chaos', 'chaos', '--c', '0–100', 'How different the four images are', 0),
	textField(
		'Character Reference',
		'characterReference',
		'https://…/face.png',
		'--cref: image URLs of a character (V6 and Niji 6)',
	),
	numberField('Character Weight', 'characterWeight', '--cw', '0–100', 'Strength of --cref', 100),
	switchField('Draft', 'draft', '--draft: fast, cheap draft images (V7+)'),
	textField(
		'End Frame (Video)',
		'endFrame',
		'https://…/last.png',
		'--end: image URL of the last video frame',
	),
	numberField('Exp', 'exp', '--exp', '0–100', 'Experimental aesthetics', 0),
	textField(
		'Image Prompts',
		'imagePrompts',
		'https://…/a.png https://…/b.png',
		'Image URLs put at the start of the prompt (space or comma separated)',
	),
	numberField('Image Weight', 'imageWeight', '--iw', '0–3', 'Weight of the image prompts', 1),
	switchField('Loop (Video)', 'loop', '--loop: the video ends where it starts (video only)'),
	textField('Motion (Video)', 'motion', 'high', '--motion: low or high (video only)'),

	textField('No', 'no', 'text, watermark', '--no: comma-separated things to leave out'),
	textField(
		'Omni Reference',
		'omniReference',
		'https://…/object.png',
		'--oref: one image URL (V7+)',
	),
	numberField('Omni Weight', 'omniWeight', '--ow', '1–1000', 'Strength of --oref', 100),
	switchField('Personalize', 'personalize', "--p: apply this account's personalization profile"),
	textField(
		'Personalization Codes',
		'personalizationCodes',
		'abc123',
		'--p codes (profiles or moodboards). Use codes of this account only: shared codes risk bans.',
	),
	textField('Quality', 'quality', '2', '--q: GPU time per image, e.g. 1 or 2 (V7 also 4)'),

	switchField('Raw', 'raw', '--raw: less Midjourney styling'),
	numberField(
		'Repeat',
		'repeat',
		'--repeat',
		'2–40 (plan-dependent)',
		'Run the prompt several times',
		2,
	),
	numberField('Seed', 'seed', '--seed', '0–4294967295', 'Starting noise, for similar results', 0),
	textField('Speed', 'speed', 'relax', 'fast, relax or turbo: writes --fast, --relax or --turbo'),

	numberField('Stop', 'stop', '--stop', '10–100', 'Finish the job early, at this percentage', 100),
	textField(
		'Style References',
		'styleReferences',
		'https://…/style.png 123456',
		'--sref: image URLs, numeric style codes or random',
	),
	numberField('Style Version', 'styleVersion', '--sv', '4, 6 or 7', 'Style reference algorithm', 6),
	numberField('Style Weight', 'styleWeight', '--sw', '0–1000', 'Strength of --sref', 100),
	numberField('Stylize', 'stylize', '--s', '0–1000', 'Strength of Midjourney styling', 100),
	switchField('Tile', 'tile', '--tile: seamless repeating pattern'),
	textField('Version', 'version', '7', '--v: model version (e.g. 7, 6.1), or "niji 7" for --niji'),
	switchField('Video', 'video', '--video: make a video instead of images'),
	numberField('Weird', 'weird', '--weird', '0–3000', 'Unusual aesthetics', 0),
	numberField('Zoom (Custom Zoom)', 'zoom', '--zoom', '1–2', 'Zoom out factor of Custom Zoom', 2),
];

/** Prompt Parameters and Prompt Check, for every verb that takes a prompt. */
export function promptParameterFields(displayOptions?: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Prompt Parameters',
			name: 'promptParameters',
			type: 'collection',
			placeholder: 'Add Parameter',
			default: {},
			displayOptions,
			description:
				'Midjourney parameters as fields, appended to the prompt as --flags and checked with any flags typed in the prompt',
			options: PARAMETERS,
		},
		{
			displayName: 'Prompt Check',
			name: 'promptCheck',
			type: 'options',
			default: 'strict',
			displayOptions,
			options: [
				{
					name: 'Strict',
					value: 'strict',
					description:
						'Stop an item whose flags Midjourney would certainly refuse, before any request; warn about the rest',
				},
				{
					name: 'Warn Only',
					value: 'warn',
					description: 'Send every prompt; report all problems in promptWarnings',
				},
				{ name: 'Off', value: 'off', description: 'Send prompts unchecked' },
			],
			description: 'How the flags of the prompt are checked before it is sent',
		},
	];
}
