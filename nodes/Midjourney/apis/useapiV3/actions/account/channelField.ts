import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, optionalChannel } from '../../../../helpers/validate';

export const channelField: INodeProperties = {
	displayName: 'Channel Name or ID',
	name: 'channel',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getChannels' },
	default: '',
	required: true,
	description:
		'The Discord channel ID of a configured account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function readChannel(context: IExecuteFunctions, itemIndex: number): string {
	const channel = optionalChannel(
		context,
		itemIndex,
		context.getNodeParameter('channel', itemIndex),
	);
	if (channel === '') {
		throw inputError(
			context,
			itemIndex,
			'Channel is empty',
			'Choose a channel from the list or enter its ID.',
		);
	}
	return channel;
}
