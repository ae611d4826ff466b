import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, optionalChannel, optionalText, optionalUrl } from '../helpers/validate';
import {
	DEFAULT_BUSY_RETRY_MAX_SECONDS,
	DEFAULT_BUSY_RETRY_MIN_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
} from './settingDefaults';
import { readDownloadLimits } from './downloadLimits';

export type WaitMode = 'stream' | 'poll' | 'none' | 'webhook';

export const REPLY_FIELD_MAX_LENGTH = 1024;

/** How one item's job is submitted and waited for, read from the node's parameters. */
export interface JobSettings {
	waitMode: WaitMode;
	timeoutMs: number;
	pollIntervalMs: number;
	busyRetryMs: { min: number; max: number };
	maxConcurrentJobs: number;
	/**
	 * Where the job runs and who hears of it: channel, replyUrl, replyRef, replyLevel (all,
	 * standard, minimal), each only when set. The API puts them in its own words (JobApi.submitFields).
	 */
	routing: IDataObject;
}

/**
 * A numeric option. Expressions often yield numeric strings ("1" from a JSON field or a
 * spreadsheet): those count as the number; anything else that is not a number fails the item,
 * since silently using the default could wait ten minutes instead of one second.
 */
function numberOption(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	fallback: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const parsed = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof parsed === 'number' && Number.isFinite(parsed)) return parsed;
	throw inputError(
		context,
		itemIndex,
		`${label} must be a number (got ${JSON.stringify(value)})`,
		`Set Options → ${label} to a number, or make its expression return one.`,
	);
}

/** A number option that must satisfy `valid`; `fix` says what to do when it does not. */
function checkedNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	fallback: number,
	check: { valid: (n: number) => boolean; problem: string; fix: string },
): number {
	const n = numberOption(context, itemIndex, label, value, fallback);
	if (!check.valid(n)) throw inputError(context, itemIndex, check.problem, check.fix);
	return n;
}

function readBusyRetryMs(context: IExecuteFunctions, itemIndex: number, options: IDataObject) {
	const min = numberOption(
		context,
		itemIndex,
		'Busy Retry Min Wait',
		options.busyRetryMinSeconds,
		DEFAULT_BUSY_RETRY_MIN_SECONDS,
	);
	const max = numberOption(
		context,
		itemIndex,
		'Busy Retry Max Wait',
		options.busyRetryMaxSeconds,
		DEFAULT_BUSY_RETRY_MAX_SECONDS,
	);
	if (min < 0 || max < min || max <= 0) {
		throw inputError(
			context,
			itemIndex,
			`Busy Retry waits are inconsistent (min ${min} s, max ${max} s)`,
			'Set Busy Retry Min Wait to 0 or more and Busy Retry Max Wait above 0 and at least the minimum: a busy channel is asked again only after that pause.',
		);
	}
	return { min: min * 1000, max: max * 1000 };
}

function readReplyLevel(context: IExecuteFunctions, itemIndex: number, level: unknown) {
	if (level === undefined || ['all', 'standard', 'minimal'].includes(level as string)) {
		return level as string | undefined;
	}
	throw inputError(
		context,
		itemIndex,
		`Reply Level must be all, standard or minimal (got "${String(level)}")`,
		'Pick a Reply Level from the list.',
	);
}

/** Channel, Reply URL, Reply Reference and Reply Level, each only when set. */
function readRouting(context: IExecuteFunctions, itemIndex: number, options: IDataObject) {
	const routing: IDataObject = {
		channel: optionalChannel(context, itemIndex, options.channel),
		replyUrl: optionalUrl(
			context,
			itemIndex,
			'Reply URL',
			options.replyUrl,
			REPLY_FIELD_MAX_LENGTH,
		),
		replyRef: optionalText(
			context,
			itemIndex,
			'Reply Reference',
			options.replyRef,
			REPLY_FIELD_MAX_LENGTH,
		),
		replyLevel: readReplyLevel(context, itemIndex, options.replyLevel),
	};
	for (const key of Object.keys(routing)) if (!routing[key]) delete routing[key];
	return routing;
}

export function readJobSettings(this: IExecuteFunctions, itemIndex: number): JobSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeout = checkedNumber(
		this,
		itemIndex,
		'Timeout',
		options.timeout,
		DEFAULT_TIMEOUT_SECONDS,
		{
			valid: (n) => n > 0,
			problem: 'Timeout must be more than 0 seconds',
			fix: 'Set Options → Timeout to a positive number of seconds.',
		},
	);
	// Checked now, not after the job is paid for and its download begins.
	readDownloadLimits(options, (message, fix) => inputError(this, itemIndex, message, fix));
	const pollInterval = checkedNumber(
		this,
		itemIndex,
		'Poll Interval',
		options.pollInterval,
		DEFAULT_POLL_INTERVAL_SECONDS,
		{
			valid: (n) => n >= 0.1,
			problem: 'Poll Interval must be at least 0.1 seconds',
			fix: 'Raise Options → Poll Interval.',
		},
	);
	const maxConcurrentJobs = checkedNumber(
		this,
		itemIndex,
		'Max Concurrent Jobs',
		options.maxConcurrentJobs,
		0,
		{
			valid: (n) => Number.isInteger(n) && n >= 0,
			problem: 'Max Concurrent Jobs must be a whole number of 0 or more',
			fix: 'Use 0 for automatic.',
		},
	);
	return {
		waitMode: this.getNodeParameter('waitMode', itemIndex, 'stream') as WaitMode,
		timeoutMs: timeout * 1000,
		pollIntervalMs: pollInterval * 1000,
		busyRetryMs: readBusyRetryMs(this, itemIndex, options),
		maxConcurrentJobs,
		routing: readRouting(this, itemIndex, options),
	};
}
