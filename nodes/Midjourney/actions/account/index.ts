import type { INodeProperties } from 'n8n-workflow';

import * as configure from './configure.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as reset from './reset.operation';

export { configure, del as delete, get, list, reset };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Configure',
				value: 'configure',
				action: 'Configure a channel',
				description:
					'Add a Midjourney Discord account, or update its limits and reply URL (POST /accounts)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a channel',
				description: 'Remove a configured channel (DELETE /accounts/{channel})',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a channel',
				description: "Read one channel's configuration and error state (GET /accounts/{channel})",
			},
			{
				name: 'List',
				value: 'list',
				action: 'List channels',
				description: 'One item per configured channel (GET /accounts)',
			},
			{
				name: 'Reset',
				value: 'reset',
				action: 'Reset a channel after moderation',
				description:
					'Unlock a channel after resolving its moderation message or CAPTCHA in Discord (POST /accounts/reset/{channel})',
			},
		],
		default: 'list',
	},
	...configure.description,
	...list.description,
	...get.description,
	...del.description,
	...reset.description,
];
