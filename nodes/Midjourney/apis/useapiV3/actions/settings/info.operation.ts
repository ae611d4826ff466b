import type { IDataObject } from 'n8n-workflow';

import type { Job } from '../../../../engine/job';
import { settingsCommand } from './settingsCommand';

function camelCase(label: string): string {
	return label
		.toLowerCase()
		.replace(/\(([^)]*)\)/g, ' $1')
		.replace(/[^a-z0-9]+(.)/g, (_, next: string) => next.toUpperCase())
		.replace(/[^a-zA-Z0-9]/g, '');
}

/** The /info embed's "**Label**: value" lines as fields: subscription, jobMode, visibilityMode, ... */
export function parseInfo(job: Job): IDataObject {
	const embeds = (job.response?.embeds ?? []) as Array<{ description?: string }>;
	const text =
		embeds.map((embed) => embed.description ?? '').join('\n') || job.response?.content || '';
	const info: IDataObject = {};
	for (const match of text.matchAll(/\*\*([^*]+)\*\*:\s*([^\n]*)/g)) {
		info[camelCase(match[1])] = match[2].trim();
	}
	return info;
}

export const { option, description, jobOperation, execute } = settingsCommand(
	'info',
	{
		name: 'Info',
		value: 'info',
		action: 'Get account info',
		description: 'Run /info: subscription, job mode, visibility, fast time remaining, usage',
	},
	(job) => ({ info: parseInfo(job) }),
);
