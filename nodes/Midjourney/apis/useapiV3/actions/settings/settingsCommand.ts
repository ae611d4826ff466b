import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Job } from '../../../../engine/job';
import { jobCommonFields } from '../../../../actions/fields/jobFields';
import type { JobOperation } from '../../../../engine/JobOperation';
import { runJobOperation } from '../../../../engine/runJobOperation';
import type { JobApi } from '../../../JobApi';

const CHANNEL_HINT =
	'With several channels configured, settings commands need Options → Channel: pick the account to read or change.';

/**
 * A Midjourney settings command (/settings, /info, /fast, ...): no parameters of its own, run one
 * at a time, and its result is the account's settings, lifted to top-level fields. `option` is
 * its entry in the Operation list; its value is the operation's name.
 */
export function settingsCommand(
	verb: string,
	option: INodePropertyOptions & { value: string },
	extraSummary: (job: Job) => IDataObject = () => ({}),
): {
	option: INodePropertyOptions;
	description: INodeProperties[];
	jobOperation: JobOperation;
	execute: (this: IExecuteFunctions, api: JobApi) => Promise<INodeExecutionData[]>;
} {
	const jobOperation: JobOperation = {
		verb,
		serial: true,
		rejectionHint: CHANNEL_HINT,
		buildRequest: () => ({ body: {} }),
		summarize: (job) => ({ ...(job.response?.settings ?? {}), ...extraSummary(job) }),
	};
	const description = updateDisplayOptions(
		{ show: { resource: ['settings'], operation: [option.value] } },
		jobCommonFields({ media: false }),
	);
	return {
		option,
		description,
		jobOperation,
		async execute(this: IExecuteFunctions, api: JobApi) {
			return await runJobOperation.call(this, api, jobOperation, description);
		},
	};
}
