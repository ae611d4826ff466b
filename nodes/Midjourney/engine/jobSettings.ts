import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, optionalChannel, optionalText, optionalUrl } from '../helpers/validate';
import {
	DEFAULT_BUSY_RETRY_MAX_SECONDS,
	DEFAULT_BUSY_RETRY_MIN_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
} from './jobFields';
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

export function readJobSettings(this: IExecuteFunctions, itemIndex: number): JobSettings {
	const waitMode = this.getNodeParameter('waitMode', itemIndex, 'stream') as WaitMode;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const timeout = numberOption(
		this,
		itemIndex,
		'Timeout',
		options.timeout,
		DEFAULT_TIMEOUT_SECONDS,
	);
	if (timeout <= 0) {
		throw inputError(
			this,
			itemIndex,
			'Timeout must be more than 0 seconds',
			'Set Options → Timeout to a positive number of seconds.',
		);
	}
	// Checked now, not after the job is paid for and its download begins.
	readDownloadLimits(options, (message, fix) => inputError(this, itemIndex, message, fix));
	const pollInterval = numberOption(
		this,
		itemIndex,
		'Poll Interval',
		options.pollInterval,
		DEFAULT_POLL_INTERVAL_SECONDS,
	);
	if (pollInterval < 0.1) {
		throw inputError(
			this,
			itemIndex,
			'Poll Interval must be at least 0.1 seconds',
			'Raise Options → Poll Interval.',
		);
	}
	const busyMin = numberOption(
		this,
		itemIndex,
		'Busy Retry Min Wait',
		options.busyRetryMinSeconds,
		DEFAULT_BUSY_RETRY_MIN_SECONDS,
	);
	const busyMax = numberOption(
		this,
		itemIndex,
		'Busy Retry Max Wait',
		options.busyRetryMaxSeconds,
		DEFAULT_BUSY_RETRY_MAX_SECONDS,
	);
	if (busyMin < 0 || busyMax < busyMin || busyMax <= 0) {
		throw inputError(
			this,
			itemIndex,
			`Busy Retry waits are inconsistent (min ${busyMin} s, max ${busyMax} s)`,
			'Set Busy Retry Min Wait to 0 or more and Busy Retry Max Wait above 0 and at least the minimum: a busy channel is asked again only after that pause.',
		);
	}
	const maxConcurrentJobs = numberOption(
		this,
		itemIndex,
		'Max Concurrent Jobs',
		options.maxConcurrentJobs,
		0,
	);
	if (!Number.isInteger(maxConcurrentJobs) || maxConcurrentJobs < 0) {
		throw inputError(
			this,
			itemIndex,
			'Max Concurrent Jobs must be a whole number of 0 or more',
			'Use 0 for automatic.',
		);
	}

	const routing: IDataObject = {};
	const channel = optionalChannel(this, itemIndex, options.channel);
	if (channel) routing.channel = channel;
	const replyUrl = optionalUrl(
		this,
		itemIndex,
		'Reply URL',
		options.replyUrl,
		REPLY_FIELD_MAX_LENGTH,
	);
	if (replyUrl && waitMode === 'webhook') {
		throw inputError(
			this,
			itemIndex,
			'Reply URL cannot be set with Pause Until Callback',
			"Pause Until Callback uses this execution's own resume URL as the reply URL. Remove Options → Reply URL, or choose another wait mode.",
		);
	}
	if (replyUrl) routing.replyUrl = replyUrl;
	const replyRef = optionalText(
		this,
		itemIndex,
		'Reply Reference',
		options.replyRef,
		REPLY_FIELD_MAX_LENGTH,
	);
	if (replyRef) routing.replyRef = replyRef;
	if (options.replyLevel !== undefined) {
		if (!['all', 'standard', 'minimal'].includes(options.replyLevel as string)) {
			throw inputError(
				this,
				itemIndex,
				`Reply Level must be all, standard or minimal (got "${String(options.replyLevel)}")`,
				'Pick a Reply Level from the list.',
			);
		}
		routing.replyLevel = options.replyLevel;
	}

	return {
		waitMode,
		timeoutMs: timeout * 1000,
		pollIntervalMs: pollInterval * 1000,
		busyRetryMs: { min: busyMin * 1000, max: busyMax * 1000 },
		maxConcurrentJobs,
		routing,
	};
}
