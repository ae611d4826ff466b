import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiCall } from '../../../transport/apiRequest';
import { inputError } from '../../../helpers/validate';
import type { LegnextTask } from '../toJob';
import { isLegnextTask } from '../toJob';
import { legnext } from '../legnext';

/**
 * Parents read in this run, by job id: a batch of follow-ups on one job reads it once. Keyed by
 * the run's context, so a later run (Retry On Fail, the next execution) reads it afresh.
 */
const parentsOfRun = new WeakMap<object, Map<string, Promise<unknown>>>();

async function readParent(
	context: IExecuteFunctions,
	jobId: string,
	itemIndex: number,
): Promise<unknown> {
	let parents = parentsOfRun.get(context);
	if (!parents) {
		parents = new Map();
		parentsOfRun.set(context, parents);
	}
	let read = parents.get(jobId);
	if (!read) {
		const { method, path } = legnext.read(jobId);
		read = apiCall.call(context, legnext.endpoint, method, path, {}, itemIndex);
		// A failed read is not kept: the next item that names the parent reports its own error.
		read.catch(() => parents.delete(jobId));
		parents.set(jobId, read);
	}
	return await read;
}

export interface FollowUp {
	/** The follow-up as it is named in the panel: "Upscale", "Pan". */
	label: string;
	/** The key of `available_actions` that allows it; undefined: only the task type is checked. */
	action?: string;
	/** The grid image (0–3) it works on; undefined for whole-job actions (reroll). */
	index?: number;
	/** Task types it can start from (video follow-ups need a video task). */
	parentTypes?: string[];
}

function allows(task: LegnextTask, action: string, index: number | undefined): boolean {
	const actions = (task.output?.available_actions ?? {}) as IDataObject;
	const value = actions[action];
	if (index === undefined) return value === true || (Array.isArray(value) && value.length > 0);
	return Array.isArray(value) && (value as unknown[]).includes(index);
}

/**
 * Reads the parent job (once per run) and checks, before anything is paid for, that it is
 * completed and that its `available_actions` offer this follow-up on this image.
 */
export async function checkFollowUp(
	context: IExecuteFunctions,
	itemIndex: number,
	jobId: string,
	followUp: FollowUp,
): Promise<void> {
	const parent = await readParent(context, jobId, itemIndex);
	if (!isLegnextTask(parent)) return; // an unknown shape: the submit reports what Legnext thinks
	const refuse = (message: string, fix: string) =>
		inputError(context, itemIndex, message, `${fix} Nothing was sent or charged.`);
	if (followUp.parentTypes && !followUp.parentTypes.includes(String(parent.task_type))) {
		throw refuse(
			`${followUp.label} needs a ${followUp.parentTypes.join(' or ')} job, and job ${jobId} is a ${parent.task_type} job`,
			`Use the job_id of a ${followUp.parentTypes.join(' or ')} job.`,
		);
	}
	if (parent.status !== 'completed') {
		throw refuse(
			`Job ${jobId} is ${parent.status}, not completed`,
			'A follow-up starts from a completed job: wait for it (Job → Get), then run this item again.',
		);
	}
	if (!followUp.action) {
		const images = parent.output?.image_urls;
		const index = followUp.index;
		if (index === undefined || (Array.isArray(images) && typeof images[index] === 'string')) return;
		throw refuse(
			`Job ${jobId} has no image ${index + 1} to start ${followUp.label} from`,
			'Use a grid job (imagine, variation, blend…) and one of its four images.',
		);
	}
	if (allows(parent, followUp.action, followUp.index)) return;
	const offered = Object.entries((parent.output?.available_actions ?? {}) as IDataObject)
		.filter(([, value]) => value === true || (Array.isArray(value) && value.length > 0))
		.map(([name, value]) =>
			Array.isArray(value)
				? `${name} on image ${value.map((i) => Number(i) + 1).join(', ')}`
				: name,
		);
	const where = followUp.index === undefined ? '' : ` on image ${followUp.index + 1}`;
	throw refuse(
		`Job ${jobId} does not offer ${followUp.label}${where}`,
		offered.length > 0
			? `Its available_actions allow: ${offered.join('; ')}.`
			: 'Its available_actions allow no follow-up (an upscale or a video usually has none).',
	);
}
