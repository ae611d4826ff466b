import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobOperation, JobRequest } from '../../../engine/JobOperation';
import { runJobOperation } from '../../../engine/runJobOperation';
import { legnextJobFields } from '../fields';
import { usageOf } from '../prompt';
import type { JobApi } from '../../JobApi';

/** What one Legnext job operation module exports: its option, fields, job verb and execute. */
export interface LegnextJobModule {
	option: INodePropertyOptions;
	description: INodeProperties[];
	jobOperation: JobOperation;
	execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]>;
}

/**
 * A Legnext task endpoint as an operation: `verb` is the path after /api/v1/, `build` turns an
 * item into the request body (checked before any request). Every result carries the points it
 * froze and consumed (`usage`) in the simplified output and the tool answer too.
 */
export function legnextJob(spec: {
	resource: string;
	option: INodePropertyOptions;
	verb: string;
	fields: INodeProperties[];
	media: boolean;
	checksPrompt?: boolean;
	rejectionHint?: string;
	summarize?: (job: Parameters<NonNullable<JobOperation['summarize']>>[0]) => IDataObject;
	build(this: IExecuteFunctions, itemIndex: number): Promise<JobRequest> | JobRequest;
}): LegnextJobModule {
	const description = updateDisplayOptions(
		{ show: { resource: [spec.resource], operation: [spec.option.value as string] } },
		[...spec.fields, ...legnextJobFields({ media: spec.media })],
	);
	const jobOperation: JobOperation = {
		verb: spec.verb,
		checksPrompt: spec.checksPrompt,
		rejectionHint: spec.rejectionHint,
		buildRequest: spec.build,
		summarize: (job) => ({ ...usageOf(job.source), ...(spec.summarize?.(job) ?? {}) }),
	};
	return {
		option: spec.option,
		description,
		jobOperation,
		async execute(this: IExecuteFunctions, api: JobApi) {
			return await runJobOperation.call(this, api, jobOperation, description);
		},
	};
}
