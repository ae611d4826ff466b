import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobCommonFields } from '../../../../actions/fields/jobFields';
import type { JobFile, JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';
import { binaryFile } from '../../../../helpers/binaryInput';
import { inputError, optionalText, requireText } from '../../../../helpers/validate';
import { fieldFlags } from '../../../../prompt/composePrompt';
import { preparePrompt } from '../../../../prompt/preparePrompt';
import { PROMPT_MAX_LENGTH } from './imagine.operation';
import { jobIdField } from './jobIdField';
import { existingChildJob, readParentJobId } from './parentJob';
import { promptParameterFields } from '../../../../actions/fields/promptParameterFields';
import type { JobApi } from '../../../JobApi';

/** Every button label the API documents, with a readable name for those that are only an emoji. */
const BUTTONS: Array<{ name: string; value: string }> = [
	...['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4'].map((label) => ({
		name: label,
		value: label,
	})),
	{ name: 'Pan Left', value: '⬅️' },
	{ name: 'Pan Right', value: '➡️' },
	{ name: 'Pan Up', value: '⬆️' },
	{ name: 'Pan Down', value: '⬇️' },
	{ name: 'Reroll', value: '🔄' },
	...[
		'Vary (Strong)',
		'Vary (Subtle)',
		'Vary (Region)',
		'Zoom Out 1.5x',
		'Zoom Out 2x',
		'Custom Zoom',
		'Upscale (2x)',
		'Upscale (4x)',
		'Upscale (Subtle)',
		'Upscale (Creative)',
		'Redo Upscale (2x)',
		'Redo Upscale (4x)',
		'Redo Upscale (Subtle)',
		'Redo Upscale (Creative)',
		'Make Square',
		'Make Variations',
		'Remaster',
		'Animate (Low motion)',
		'Animate (High motion)',
		'Extend (Low motion)',
		'Extend (High motion)',
	].map((label) => ({ name: label, value: label })),
];

const EXECUTE_ONCE = ['U1', 'U2', 'U3', 'U4'];
/** Buttons that take a prompt: Custom Zoom always, the others in Remix mode. */
const PROMPT_BUTTONS = [
	'Custom Zoom',
	'V1',
	'V2',
	'V3',
	'V4',
	'Vary (Strong)',
	'Vary (Subtle)',
	'Vary (Region)',
	'⬅️',
	'➡️',
	'⬆️',
	'⬇️',
	'🔄',
];
const VIDEO_BUTTONS = /^(Animate|Extend) \(/;

const properties: INodeProperties[] = [
	{
		...jobIdField,
		description: 'The completed imagine or button job whose button to press (its jobid)',
	},
	{
		displayName: 'Button',
		name: 'button',
		type: 'options',
		options: BUTTONS,
		default: 'U1',
		description:
			"The button to press; it must be among the parent job's buttons. U1–U4 run only once per job: pressing again returns the existing upscale.",
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		displayOptions: { show: { button: PROMPT_BUTTONS } },
		description:
			'Required for Custom Zoom (e.g. "a cat --zoom 1.8"). With Remix mode on, variations, pans and reroll use it instead of the original prompt. Its flags are checked like Prompt Parameters.',
	},
	...promptParameterFields({ show: { button: PROMPT_BUTTONS } }),
	{
		displayName: 'Mask Source',
		name: 'maskSource',
		type: 'options',
		default: 'binary',
		displayOptions: { show: { button: ['Vary (Region)'] } },
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: "A black-and-white mask image in the input item's binary data",
			},
			{ name: 'Base64 Text', value: 'base64', description: 'The mask image as base64 text' },
		],
		description: 'Where the Vary (Region) mask comes from: white marks the region to regenerate',
	},
	{
		displayName: 'Input Data Field Name',
		name: 'maskBinaryProperty',
		type: 'string',
		default: 'mask',
		placeholder: 'e.g. mask',
		displayOptions: { show: { button: ['Vary (Region)'], maskSource: ['binary'] } },
		hint: 'The name of the input binary field holding the mask image',
	},
	{
		displayName: 'Mask (Base64)',
		name: 'mask',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		displayOptions: { show: { button: ['Vary (Region)'], maskSource: ['base64'] } },
		description: 'The black-and-white mask image, base64-encoded',
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Button',
	value: 'button',
	action: 'Press a button on a job',
	description: 'Upscale (U1–U4), vary, zoom, pan, reroll, animate… a completed job',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['button'] } },
	[...properties, ...jobCommonFields({ media: true })],
);

function hasPromptParameters(context: IExecuteFunctions, itemIndex: number): boolean {
	const fields = context.getNodeParameter('promptParameters', itemIndex, {}) as IDataObject;
	return fieldFlags(fields).length > 0 || Boolean(fields.imagePrompts);
}

/** The mask: base64 text as given, or a binary file read when the job is submitted. */
async function readMask(context: IExecuteFunctions, itemIndex: number): Promise<string | JobFile> {
	const source = context.getNodeParameter('maskSource', itemIndex, 'binary') as string;
	if (source === 'base64') {
		const mask = optionalText(
			context,
			itemIndex,
			'Mask',
			context.getNodeParameter('mask', itemIndex, ''),
			20_000_000,
		).replace(/^data:[^,]*,/, '');
		if (mask === '') {
			throw inputError(
				context,
				itemIndex,
				'Vary (Region) needs a mask',
				'Paste the base64 mask, or switch Mask Source to Binary File.',
			);
		}
		return mask;
	}
	const property = context.getNodeParameter('maskBinaryProperty', itemIndex, 'mask');
	const file = await binaryFile(context, itemIndex, 'Input Data Field Name', property, 'mask', {
		need: 'Vary (Region) needs a mask image (white marks the region to regenerate)',
		alternative: 'switch Mask Source to Base64 Text',
	});
	return { ...file, inlineAt: ['mask'] };
}

export const jobOperation: JobOperation = {
	verb: 'button',
	checksPrompt: true,
	rejectionHint:
		"A button can only be pressed when the parent job is completed and offers it: check the parent's buttons with Job → Get.",
	async buildRequest(itemIndex) {
		const jobId = readParentJobId(this, itemIndex);
		const label = requireText(
			this,
			itemIndex,
			'Button',
			this.getNodeParameter('button', itemIndex),
			100,
		);
		if (!BUTTONS.some((known) => known.value === label)) {
			throw inputError(
				this,
				itemIndex,
				`"${label}" is not a Midjourney button`,
				`Use one of: ${BUTTONS.map((known) => known.value).join(', ')}.`,
			);
		}
		const body: Record<string, string> = { jobId, button: label };
		const prompt = optionalText(
			this,
			itemIndex,
			'Prompt',
			this.getNodeParameter('prompt', itemIndex, ''),
			PROMPT_MAX_LENGTH,
		);
		if (label === 'Custom Zoom' && prompt === '') {
			throw inputError(
				this,
				itemIndex,
				'Custom Zoom needs a prompt',
				'Enter the prompt with the zoom, e.g. "a cat --zoom 1.8".',
			);
		}
		const checked = prompt ? preparePrompt(this, itemIndex, prompt, PROMPT_MAX_LENGTH) : undefined;
		if (checked) body.prompt = checked.prompt;
		else if (PROMPT_BUTTONS.includes(label) && hasPromptParameters(this, itemIndex)) {
			throw inputError(
				this,
				itemIndex,
				`Prompt Parameters need a prompt on ${label}`,
				'Enter the prompt to send with the parameters (Remix mode), or remove the Prompt Parameters to reuse the original prompt.',
			);
		}
		const mask = label === 'Vary (Region)' ? await readMask(this, itemIndex) : undefined;
		if (typeof mask === 'string') body.mask = mask;
		const files = mask && typeof mask !== 'string' ? [mask] : undefined;
		const jobType = VIDEO_BUTTONS.test(label) ? 'video' : 'image';
		return { body, files, jobType, promptCheck: checked?.check };
	},
	async findExisting(prepared) {
		const label = prepared.request.body.button as string;
		if (!EXECUTE_ONCE.includes(label)) return undefined;
		return await existingChildJob(
			this,
			prepared.api,
			prepared.request.body.jobId as string,
			label,
			prepared.itemIndex,
		);
	},
};

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
