/**
 * Which jobs a paused execution waits for, kept in the execution's custom data: the one place
 * n8n carries from execute() to webhook() across a pause (workflow static data is not, and the
 * node's own output is not readable there). n8n keeps at most 10 keys per execution and logs
 * values over 255 characters as errors, so the ledger is one string cut into 255-character values:
 *   <number of values>.<number of items>|<entry>|<entry>|…
 * An entry is the item's job id packed by its API's JobIdFormat, `=` and the id when it is not of
 * that format, `!` (and why, when there is room) for an item whose submit failed.
 */

import type { JobIdFormat } from './JobIdFormat';

export const VALUE_LIMIT = 255;

export class LedgerFullError extends Error {}

/** Marks an item whose job could not be submitted; what follows is why, when there is room. */
export const SUBMIT_FAILED = '!';
const FAILURE_CHARS = 60;
const RAW = '=';

/** The ledger entry of an item whose submit failed, with the start of its error message. */
export function submitFailure(message: string): string {
	return `${SUBMIT_FAILED}${message.slice(0, FAILURE_CHARS)}`;
}

function entryOf(jobId: string, format: JobIdFormat): string {
	if (jobId === '') return SUBMIT_FAILED;
	if (jobId.startsWith(SUBMIT_FAILED)) {
		return SUBMIT_FAILED + encodeURIComponent(jobId.slice(SUBMIT_FAILED.length));
	}
	return format.pack(jobId) ?? RAW + encodeURIComponent(jobId);
}

function jobIdOf(entry: string, format: JobIdFormat): string {
	if (entry === SUBMIT_FAILED) return '';
	if (entry.startsWith(SUBMIT_FAILED)) {
		return SUBMIT_FAILED + decodeURIComponent(entry.slice(SUBMIT_FAILED.length));
	}
	if (entry.startsWith(RAW)) return decodeURIComponent(entry.slice(RAW.length));
	return format.unpack(entry);
}

function cut(text: string): string[] {
	const values: string[] = [];
	for (let at = 0; at < text.length; at += VALUE_LIMIT)
		values.push(text.slice(at, at + VALUE_LIMIT));
	return values;
}

/**
 * Encodes each item's job id ('' or submitFailure(message) for an item without a job) into at
 * most maxValues values. Throws LedgerFullError when they do not fit.
 */
export function encodeLedger(jobIds: string[], format: JobIdFormat, maxValues: number): string[] {
	const body = jobIds.map((jobId) => `|${entryOf(jobId, format)}`).join('');
	for (let count = 1; count <= maxValues; count++) {
		const values = cut(`${count}.${jobIds.length}${body}`);
		if (values.length === count) return values;
	}
	throw new LedgerFullError(
		`${jobIds.length} jobs need more than ${maxValues} custom data values of ${VALUE_LIMIT} characters`,
	);
}

/** How many values the ledger has, as its first value says; 0 when it is not a ledger. */
export function ledgerLength(firstValue: unknown): number {
	const header = typeof firstValue === 'string' ? /^(\d+)\.\d+\|/.exec(firstValue) : null;
	return header ? Number(header[1]) : 0;
}

export function decodeLedger(values: string[], format: JobIdFormat): string[] {
	const [header, ...entries] = values.join('').split('|');
	const count = Number(header.split('.')[1]);
	if (values.length !== ledgerLength(values[0]) || entries.length !== count) {
		throw new Error(`the job list is incomplete (${entries.length} of ${count})`);
	}
	return entries.map((entry) => jobIdOf(entry, format));
}

/** How many items a ledger of maxValues values holds whatever ids, of the API's format, the jobs get. */
export function itemsThatFit(format: JobIdFormat, maxValues: number): number {
	const perItem = 1 + (format.pack(format.longest)?.length ?? format.longest.length);
	let items = Math.floor((maxValues * VALUE_LIMIT) / perItem);
	while (items > 0 && `${maxValues}.${items}`.length + items * perItem > maxValues * VALUE_LIMIT) {
		items--;
	}
	return items;
}
