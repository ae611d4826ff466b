import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobOperation } from '../../../engine/JobOperation';
import { runJobOperation } from '../../../engine/runJobOperation';
import { inputError, optionalUrl } from '../../../helpers/validate';
import type { ValueCheck } from '../../../prompt/flagValues';
import { aspectRatio, wholeNumber } from '../../../prompt/flagValues';
import { v1JobFields } from '../fields';
import type { JobApi } from '../../JobApi';
import { promptField, readPrompt } from '../../../actions/fields/promptField';

const PROMPT_MAX_LENGTH = 4000;

const properties: INodeProperties[] = [
	promptField(
		'What to imagine (max 4000 characters). Flags typed here (--ar 16:9, --v 7…) are checked as in the MidjourneyV3 node.',
	),
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'collection',
		placeholder: 'Add Parameter',
		default: {},
		description:
			"The API's typed generation parameters; each one set here is sent as its own field",
		options: [
			{
				displayName: 'Aspect Ratio',
				name: 'aspect_ratio',
				type: 'string',
				default: '1:1',
				placeholder: '16:9',
				description: 'Width:height, e.g. 1:1, 16:9, 9:16, 4:3, 3:2',
			},
			{
				displayName: 'Chaos',
				name: 'chaos',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description: 'How different the four images are (0–100)',
			},
			{
				displayName: 'Exclude (No)',
				name: 'no',
				type: 'string',
				default: '',
				description: 'What the images should not show (negative prompt)',
			},
			{
				displayName: 'Model Version',
				name: 'model_version',
				type: 'options',
				default: '7.0',
				options: ['5.2', '6.0', '6.1', '7.0'].map((value) => ({ name: value, value })),
			},
			{
				displayName: 'Process Mode',
				name: 'process_mode',
				type: 'options',
				default: 'fast',
				options: [
					{ name: 'Fast', value: 'fast' },
					{ name: 'Relax', value: 'relax', description: 'Queued for low-demand periods' },
					{ name: 'Turbo', value: 'turbo', description: 'Faster, more credits' },
				],
			},
			{
				displayName: 'Quality',
				name: 'quality',
				type: 'options',
				default: 1,
				options: [0.25, 0.5, 1, 2].map((value) => ({ name: String(value), value })),
			},
			{
				displayName: 'Reference Image URL',
				name: 'image_url',
				type: 'string',
				default: '',
				description: 'An image whose style and composition guide the result',
			},
			{
				displayName: 'Seed',
				name: 'seed',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 4294967295 },
				default: 0,
				description: 'The same seed, prompt and settings give similar images (0–4294967295)',
			},
			{
				displayName: 'Stylize',
				name: 'stylize',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1000 },
				default: 100,
				description: 'How strongly Midjourney applies its own style (0–1000)',
			},
		],
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Imagine',
	value: 'imagine',
	action:
		"Create 4 images from a prompt (spends the user's Midjourney API credits, about a minute; returns the jobid and image URLs)",
	description: 'Generate a grid of four images (POST /v1/imagine)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['imagine'] } },
	[...properties, ...v1JobFields({ media: true })],
);

/** The schema's rules for the typed fields: the prompt flags' checks where the meaning is the same. */
const CHECKS: Record<string, ValueCheck> = {
	aspect_ratio: aspectRatio,
	chaos: wholeNumber(0, 100),
	stylize: wholeNumber(0, 1000),
	seed: wholeNumber(0, 4294967295),
};

const PARAMETER_FIELDS = properties.find((property) => property.name === 'parameters')
	?.options as INodeProperties[];

/** Parameters typed as numbers: an expression's numeric string ("250") is sent as the number. */
const NUMBER_FIELDS = new Set(
	PARAMETER_FIELDS.filter((field) => field.type === 'number').map((field) => field.name),
);

/** A parameter as the panel names it: "Parameters → Aspect Ratio", not its API field. */
function shownName(name: string): string {
	const field = PARAMETER_FIELDS.find((candidate) => candidate.name === name);
	return `Parameters → ${field?.displayName ?? name}`;
}

function typedParameters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const chosen = context.getNodeParameter('parameters', itemIndex, {}) as IDataObject;
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(chosen)) {
		if (value === '' || value === undefined || value === null) continue;
		const problem = CHECKS[name]?.(String(value));
		if (problem) {
			throw inputError(
				context,
				itemIndex,
				`${shownName(name)} must be ${problem} (got ${JSON.stringify(value)})`,
				`Fix ${shownName(name)}; nothing was sent.`,
			);
		}
		out[name] =
			name === 'image_url'
				? optionalUrl(context, itemIndex, 'Reference Image URL', value, 2048)
				: NUMBER_FIELDS.has(name)
					? Number(value)
					: value;
	}
	return out;
}

export const jobOperation: JobOperation = {
	verb: 'imagine',
	checksPrompt: true,
	buildRequest(itemIndex) {
		const { prompt, check } = readPrompt(this, itemIndex, PROMPT_MAX_LENGTH);
		const body = { prompt, ...typedParameters(this, itemIndex) };
		return { body, jobType: 'image', promptCheck: check };
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
