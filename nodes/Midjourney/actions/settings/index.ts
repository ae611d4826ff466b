import type { INodeProperties } from 'n8n-workflow';

import * as fast from './fast.operation';
import * as getSettings from './getSettings.operation';
import * as info from './info.operation';
import * as relax from './relax.operation';
import * as remix from './remix.operation';
import * as turbo from './turbo.operation';
import * as variability from './variability.operation';

export { fast, getSettings, info, relax, remix, turbo, variability };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['settings'] } },
		options: [
			{
				name: 'Fast',
				value: 'fast',
				action: 'Switch to fast mode',
				description: 'Run /fast: later jobs use fast GPU time',
			},
			{
				name: 'Get Settings',
				value: 'getSettings',
				action: 'Get the settings',
				description: 'Run /settings: version, stylize, raw, remix, variability, speed mode, suffix',
			},
			{
				name: 'Info',
				value: 'info',
				action: 'Get account info',
				description: 'Run /info: subscription, job mode, visibility, fast time remaining, usage',
			},
			{
				name: 'Relax',
				value: 'relax',
				action: 'Switch to relax mode',
				description: 'Run /relax: later jobs queue on relaxed GPU time',
			},
			{
				name: 'Remix',
				value: 'remix',
				action: 'Toggle remix mode',
				description: 'Run /remix: turn remix mode on or off',
			},
			{
				name: 'Turbo',
				value: 'turbo',
				action: 'Switch to turbo mode',
				description: 'Run /turbo: later jobs use turbo GPU time',
			},
			{
				name: 'Variability',
				value: 'variability',
				action: 'Toggle variation mode',
				description: 'Run /variability: switch between high and low variation',
			},
		],
		default: 'getSettings',
	},
	...getSettings.description,
	...info.description,
	...fast.description,
	...relax.description,
	...turbo.description,
	...remix.description,
	...variability.description,
];
