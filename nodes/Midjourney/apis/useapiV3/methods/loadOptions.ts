import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiRequest, isSuccess } from '../../../transport/apiRequest';
import { useapiV3Endpoint } from '../endpoint';

interface ChannelConfig {
	channel: string;
	maxJobs?: number;
	maxImageJobs?: number;
	maxVideoJobs?: number;
	error?: string;
}

/** For job options: the configured channels, after the default of letting useapi.net choose. */
export async function getChannelsOrAny(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return [
		{
			name: 'Any Channel With Free Capacity',
			value: '',
			description: 'Let useapi.net pick (load balancing)',
		},
		...(await getChannels.call(this)),
	];
}

/** The configured channels (GET /accounts); an account without channels gets an empty list. */
export async function getChannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await apiRequest.call(this, useapiV3Endpoint, 'GET', '/accounts');
	if (!isSuccess(response.statusCode) || !response.body || typeof response.body !== 'object') {
		return [];
	}
	return Object.values(response.body as Record<string, ChannelConfig>).map((config) => ({
		name: config.error ? `${config.channel} (needs attention: ${config.error})` : config.channel,
		value: config.channel,
		description: `Max jobs ${config.maxJobs ?? '?'}, images ${config.maxImageJobs ?? '?'}, videos ${config.maxVideoJobs ?? '?'}`,
	}));
}
