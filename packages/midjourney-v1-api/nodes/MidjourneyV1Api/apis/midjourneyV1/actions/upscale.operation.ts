import type { IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runJobOperation } from '../../../engine/runJobOperation';
import { v1JobFields } from '../fields';
import { gridImageFields, gridImageOperation } from './gridImage';
import type { JobApi } from '../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Upscale',
	value: 'upscale',
	action: 'Upscale an image',
	description: 'Upscale one image of a grid (POST /v1/upscale)',
};

/** Upscale: one image of a grid to a higher resolution (POST /v1/upscale). */
export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['upscale'] } },
	[...gridImageFields, ...v1JobFields({ media: true })],
);

export const jobOperation = gridImageOperation('upscale');

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runJobOperation.call(this, api, jobOperation, description);
}
