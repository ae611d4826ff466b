/**
 * Which jobs a paused execution waits for, kept in the execution's custom data: the one place
 * n8n carries from execute() to webhook() across a pause (workflow static data is not, and the
 * node's own output is not readable there). Custom data allows 10 keys of 255 characters
 * (longer values are logged as errors), so job ids are stored compactly:
 *   j1121063659809338026i-u12345-c1234567890123456789-bot:midjourney → "j1121063659809338026i.0"
 * with the user and channel parts in a shared header.
 */

import { jobIdParts } from './jobId';

export const LEDGER_KEYS = 8;
const VALUE_LIMIT = 255;

export class LedgerFullError extends Error {}

export function ledgerKeyPrefix(nodeId: string): string {
	return `mjwait_${nodeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}_`;
}

/** Marks an item whose job could not be submitted; what follows is why, when there is room. */
export const SUBMIT_FAILED = '!';
const FAILURE_CHARS = 60;

/** The ledger entry of an item whose submit failed, with the start of its error message. */
export function submitFailure(message: string): string {
	return `${SUBMIT_FAILED}${message.slice(0, FAILURE_CHARS)}`;
}

/**
 * Encodes job ids into at most LEDGER_KEYS values; an item whose submit failed is '' or
 * submitFailure(message). Throws LedgerFullError when they do not fit.
 */
export function encodeLedger(jobIds: string[]): string[] {
	const users: string[] = [];
	const channels: string[] = [];
	const entries = jobIds.map((jobId) => {
		// An item whose job could not be submitted keeps its place, so outputs stay paired.
		if (jobId === '') return SUBMIT_FAILED;
		if (jobId.startsWith(SUBMIT_FAILED)) {
			return SUBMIT_FAILED + encodeURIComponent(jobId.slice(SUBMIT_FAILED.length));
		}
		const parts = jobIdParts(jobId);
		if (!parts) return `=${jobId}`;
		const { head, user, channel } = parts;
		if (!users.includes(user)) users.push(user);
		if (!channels.includes(channel)) channels.push(channel);
		return `${head}.${users.indexOf(user)}.${channels.indexOf(channel)}`;
	});
	const values = [`${users.join(',')};${channels.join(',')};${jobIds.length}`];
	let current = '';
	for (const entry of entries) {
		if (entry.length + 1 > VALUE_LIMIT) throw new LedgerFullError(entry);
		if (current.length + entry.length + 1 > VALUE_LIMIT) {
			values.push(current);
			current = '';
		}
		current += current ? `|${entry}` : entry;
	}
	if (current) values.push(current);
	if (values.length > LEDGER_KEYS || values[0].length > VALUE_LIMIT) {
		throw new LedgerFullError(`${jobIds.length} jobs need ${values.length} custom data values`);
	}
	return values;
}

export function decodeLedger(values: string[]): string[] {
	const [header, ...chunks] = values;
	const [userList, channelList, count] = header.split(';');
	const users = userList.split(',');
	const channels = channelList.split(',');
	const jobIds = chunks
		.join('|')
		.split('|')
		.filter(Boolean)
		.map((entry) => {
			if (entry === SUBMIT_FAILED) return '';
			if (entry.startsWith(SUBMIT_FAILED)) {
				return SUBMIT_FAILED + decodeURIComponent(entry.slice(SUBMIT_FAILED.length));
			}
			if (entry.startsWith('=')) return entry.slice(1);
			const [head, user, channel] = entry.split('.');
			return `${head}-u${users[Number(user)]}-c${channels[Number(channel)]}-bot:midjourney`;
		});
	if (jobIds.length !== Number(count)) {
		throw new Error(`the job list is incomplete (${jobIds.length} of ${count})`);
	}
	return jobIds;
}
