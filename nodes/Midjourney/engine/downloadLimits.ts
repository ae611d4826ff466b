import type { IDataObject } from 'n8n-workflow';

import type { DownloadLimits } from '../transport/types';
import { DEFAULT_MAX_DOWNLOAD_MB, DEFAULT_TIMEOUT_SECONDS } from './settingDefaults';

function positive(value: unknown, fallback: number): number | undefined {
	if (value === undefined || value === null || value === '') return fallback;
	const parsed = typeof value === 'string' ? Number(value.trim()) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * A download's limits from Options → Max Download Size (MB) and Options → Timeout (seconds).
 * `fail` builds the error for a value that is not a positive number (numeric strings count).
 */
export function readDownloadLimits(
	options: IDataObject,
	fail: (message: string, fix: string) => Error,
): DownloadLimits {
	const maxMb = positive(options.maxDownloadSize, DEFAULT_MAX_DOWNLOAD_MB);
	if (maxMb === undefined) {
		throw fail(
			`Max Download Size must be a number above 0 (got ${JSON.stringify(options.maxDownloadSize)})`,
			'Set Options → Max Download Size (MB) to a positive number, or make its expression return one.',
		);
	}
	const timeout = positive(options.timeout, DEFAULT_TIMEOUT_SECONDS);
	if (timeout === undefined) {
		throw fail(
			`Timeout must be a number above 0 (got ${JSON.stringify(options.timeout)})`,
			'Set Options → Timeout to a positive number of seconds.',
		);
	}
	return { maxBytes: Math.floor(maxMb * 1024 * 1024), timeoutMs: timeout * 1000 };
}
