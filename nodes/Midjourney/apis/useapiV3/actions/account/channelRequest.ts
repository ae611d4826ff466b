import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiErrorFromResponse } from '../../../../transport/apiError';
import { apiRequest, isSuccess } from '../../../../transport/apiRequest';
import type { HttpMethod } from '../../../../transport/types';
import { readChannel } from './channelField';
import type { JobApi } from '../../../JobApi';

/** A request about one configured channel, where 404 (empty body) means "not configured". */
export async function channelRequest(
	context: IExecuteFunctions,
	{ endpoint }: JobApi,
	itemIndex: number,
	method: HttpMethod,
	pathPrefix: '' | '/reset',
): Promise<{ channel: string; body: unknown }> {
	const channel = readChannel(context, itemIndex);
	const response = await apiRequest.call(
		context,
		endpoint,
		method,
		`/accounts${pathPrefix}/${encodeURIComponent(channel)}`,
		{},
		itemIndex,
	);
	if (response.statusCode === 404) {
		throw new NodeApiError(
			context.getNode(),
			{ channel },
			{
				message: `Channel ${channel} is not configured`,
				description:
					'Check the channel ID with Account → List, or add the channel with Account → Configure.',
				httpCode: '404',
				itemIndex,
			},
		);
	}
	if (!isSuccess(response.statusCode)) {
		const { statusCode, body } = response;
		throw apiErrorFromResponse(context.getNode(), endpoint, statusCode, body, itemIndex);
	}
	return { channel, body: response.body };
}
