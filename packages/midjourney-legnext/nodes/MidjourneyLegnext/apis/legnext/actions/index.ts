import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../helpers/operationProperties';
import * as animate from './animate.operation';
import * as balance from './balance.operation';
import * as blend from './blend.operation';
import * as describe from './describe.operation';
import * as edit from './edit.operation';
import * as extend from './extend.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as inpaint from './inpaint.operation';
import * as outpaint from './outpaint.operation';
import * as pan from './pan.operation';
import * as remix from './remix.operation';
import * as reroll from './reroll.operation';
import * as shorten from './shorten.operation';
import * as upscale from './upscale.operation';
import * as variation from './variation.operation';
import * as videoUpscale from './videoUpscale.operation';

/**
 * The node's resources, one operation per Legnext endpoint. Each module describes itself (its
 * option, its fields, execute); a new endpoint is its file and one line here.
 */
export const imageOperations = {
	imagine,
	upscale,
	variation,
	reroll,
	pan,
	outpaint,
	inpaint,
	remix,
	edit,
	blend,
	describe,
	shorten,
};
export const videoOperations = { animate, extend, upscale: videoUpscale };
export const jobOperations = { get };
export const accountOperations = { getBalance: balance };

export const resources = {
	image: imageOperations,
	video: videoOperations,
	job: jobOperations,
	account: accountOperations,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'The Legnext balance' },
			{
				name: 'Image',
				value: 'image',
				description: 'Midjourney images: imagine and every follow-up',
			},
			{ name: 'Job', value: 'job', description: 'Any job, read by its job_id' },
			{ name: 'Video', value: 'video', description: 'Midjourney videos from images' },
		],
		default: 'image',
	},
	...operationProperties('image', imageOperations, 'imagine'),
	...operationProperties('video', videoOperations, 'animate'),
	...operationProperties('job', jobOperations, 'get'),
	...operationProperties('account', accountOperations, 'getBalance'),
];
