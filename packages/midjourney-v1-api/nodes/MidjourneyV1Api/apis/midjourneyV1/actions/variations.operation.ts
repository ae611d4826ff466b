import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runJobOperation } from '../../../engine/runJobOperation';
import { v1JobFields } from '../fields';
import { gridImageFields, gridImageOperation } from './gridImage';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Variations',
	value: 'variations',
	action: 'Vary an image',
	description: 'Four variations of one image of a grid (POST /v1/variations)',
};

/** Variations: four variations of one image of a grid (POST /v1/variations). */
export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['variations'] } },
	[...gridImageFields, ...v1JobFields({ media: true })],
);

export const jobOperation = gridImageOperation('variations');

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
