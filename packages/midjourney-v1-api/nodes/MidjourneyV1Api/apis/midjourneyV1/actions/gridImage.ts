import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { JobOperation } from '../../../engine/JobOperation';
import { integerInRange } from '../../../helpers/validate';
import { jobIdField, readJobId } from './jobIdField';

/** The job and the image of its grid an upscale or a variation starts from. */
export const gridImageFields: INodeProperties[] = [
	jobIdField('The completed imagine, variation or blend job whose grid holds the image'),
	{
		displayName: 'Image',
		name: 'index',
		type: 'options',
		default: 1,
		options: [
			{ name: '1 (Top Left)', value: 1 },
			{ name: '2 (Top Right)', value: 2 },
			{ name: '3 (Bottom Left)', value: 3 },
			{ name: '4 (Bottom Right)', value: 4 },
		],
		description: 'Which image of the grid',
	},
];

/** Upscale and variations: the same request, `{ job_id, index }`, at their own endpoints. */
export function gridImageOperation(verb: 'upscale' | 'variations'): JobOperation {
	return {
		verb,
		buildRequest(this: IExecuteFunctions, itemIndex: number) {
			const job_id = readJobId(this, itemIndex);
			const index = integerInRange(
				this,
				itemIndex,
				'Image',
				this.getNodeParameter('index', itemIndex),
				1,
				4,
			);
			return { body: { job_id, index }, jobType: 'image' };
		},
	};
}
