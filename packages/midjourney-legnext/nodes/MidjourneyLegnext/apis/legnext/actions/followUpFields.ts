import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, optionalText } from '../../../helpers/validate';
import { imageNumberField } from '../fields';
import { checkLegnextPrompt, PROMPT_MAX_LENGTH } from '../prompt';
import type { FollowUp } from './parentJob';
import { checkFollowUp } from './parentJob';
import { jobIdField, readJobId } from './jobIdField';

export const REJECTION_HINT =
	'A follow-up needs a completed parent whose available_actions offer it on that image: check the parent with Job → Get.';

/** The parent job and (for image follow-ups) which of its images. */
export function parentFields(
	withImage: boolean,
	what = 'imagine, variation, blend or other grid',
): INodeProperties[] {
	const parent = jobIdField(`The completed ${what} job to start from (its job_id)`);
	return withImage ? [parent, imageNumberField()] : [parent];
}

export function remixPromptField(required: boolean, description: string): INodeProperties {
	return {
		displayName: required ? 'Prompt' : 'Remix Prompt',
		name: 'remixPrompt',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required,
		description,
	};
}

/** An optional remix prompt, checked like Imagine's prompt when given; never sent empty. */
export function readRemixPrompt(
	context: IExecuteFunctions,
	itemIndex: number,
	required: boolean,
): { remixPrompt?: string; check?: ReturnType<typeof checkLegnextPrompt>['check'] } {
	const text = optionalText(
		context,
		itemIndex,
		'Prompt',
		context.getNodeParameter('remixPrompt', itemIndex, ''),
		PROMPT_MAX_LENGTH,
	);
	if (text === '') {
		if (!required) return {};
		throw inputError(context, itemIndex, 'Prompt is empty', 'Enter a Prompt; it is required.');
	}
	const checked = checkLegnextPrompt(context, itemIndex, text);
	return { remixPrompt: checked.prompt, check: checked.check };
}

/** The parent's id and image number, checked against the parent's available_actions (one read). */
export async function readFollowUp(
	context: IExecuteFunctions,
	itemIndex: number,
	followUp: Omit<FollowUp, 'index'> & { withImage: boolean },
): Promise<IDataObject> {
	const jobId = readJobId(context, itemIndex);
	const body: IDataObject = { jobId };
	let index: number | undefined;
	if (followUp.withImage) {
		index = Number(context.getNodeParameter('imageNo', itemIndex, 0));
		if (!Number.isInteger(index) || index < 0 || index > 3) {
			throw inputError(context, itemIndex, `Image must be 1–4`, 'Pick an image from the list.');
		}
		body.imageNo = index;
	}
	await checkFollowUp(context, itemIndex, jobId, { ...followUp, index });
	return body;
}
