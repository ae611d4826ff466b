import type { IDataObject } from 'n8n-workflow';

import type { Job } from '../engine/job';

/** What the user asked the trigger to fire on, read from its parameters. */
export interface TriggerFilters {
	events: string[];
	verbs: string[];
	jobType: 'any' | 'image' | 'video' | 'none';
	replyRef: string;
	replyRefMatch: 'exact' | 'prefix';
	channels: string[];
}

export function readFilters(events: unknown, filters: IDataObject): TriggerFilters {
	const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
	return {
		events: list(events),
		verbs: list(filters.verbs),
		jobType: (filters.jobType as TriggerFilters['jobType']) ?? 'any',
		replyRef: typeof filters.replyRef === 'string' ? filters.replyRef : '',
		replyRefMatch: filters.replyRefMatch === 'prefix' ? 'prefix' : 'exact',
		channels: String(filters.channels ?? '')
			.split(/[\s,;]+/)
			.filter((channel) => channel !== ''),
	};
}

/** The job's Discord channel: from its request, else from the "-c<digits>-" part of its ID. */
export function channelOf(job: Job): string | undefined {
	const requested = job.request?.channel;
	if (typeof requested === 'string' && requested !== '') return requested;
	return /-c(\d+)-/.exec(job.jobid)?.[1];
}

/** The job's replyRef; the docs place it in `request`, and mention `response` too. */
export function replyRefOf(job: Job): string | undefined {
	const value = job.request?.replyRef ?? (job.response as IDataObject | undefined)?.replyRef;
	return typeof value === 'string' ? value : undefined;
}

/** Why the job does not match, or undefined when it does. */
export function mismatch(job: Job, filters: TriggerFilters): string | undefined {
	if (!filters.events.includes(job.status)) return `event ${job.status} is not selected`;
	if (filters.verbs.length > 0 && !filters.verbs.includes(job.verb ?? '')) {
		return `verb ${job.verb ?? '(none)'} is not selected`;
	}
	if (filters.jobType !== 'any') {
		const jobType = job.jobType ?? 'none';
		if (jobType !== filters.jobType) return `job type ${jobType} is not ${filters.jobType}`;
	}
	if (filters.replyRef !== '') {
		const replyRef = replyRefOf(job) ?? '';
		const matches =
			filters.replyRefMatch === 'prefix'
				? replyRef.startsWith(filters.replyRef)
				: replyRef === filters.replyRef;
		if (!matches) return 'replyRef does not match';
	}
	if (filters.channels.length > 0) {
		const channel = channelOf(job);
		if (channel === undefined || !filters.channels.includes(channel)) {
			return `channel ${channel ?? '(unknown)'} is not selected`;
		}
	}
	return undefined;
}
