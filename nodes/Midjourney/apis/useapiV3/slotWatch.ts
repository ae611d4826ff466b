import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sleepUnlessAborted } from '../../helpers/sleepUnlessAborted';
import { apiRequest, executionCancelSignal, isSuccess } from '../../transport/apiRequest';
import { useapiV3Endpoint } from './endpoint';

/**
 * Waiting for a free slot on a busy channel by watching it. useapi.net's 429 names the busy
 * channel; GET /jobs (free, read-only) lists each channel's running jobs and limits, and it is
 * the one state every execution, worker and n8n instance sharing the account sees alike. So a
 * waiter reads it instead of sleeping 10–30 s blindly, and submits as soon as a slot frees.
 *
 * Read budget: one GET /jobs per execution every WATCH_MS (± 30 %) while it waits, however many of its items
 * wait: the items of one execution share the latest reading. Between seeing a free slot and
 * submitting, each waiter waits a random moment, so waiters of several executions do not all
 * jump at one slot (those that lose get another 429 and watch again).
 */
const WATCH_MS = 1000;
const STAMPEDE_JITTER_MS = 400;

interface ChannelLoad extends IDataObject {
	total?: number;
	images?: number;
	videos?: number;
	maxJobs?: number;
	maxImageJobs?: number;
	maxVideoJobs?: number;
}

interface Reading {
	at: number;
	channels: Promise<Record<string, ChannelLoad> | undefined>;
}

/** The latest GET /jobs per execution: a short-lived cache, not state anything relies on. */
const readings = new Map<string, Reading>();

const BUSY_CHANNEL = /Channel (\d+) is busy/i;

/** The channel a 429 says is busy, when it says so (a rate limit names none). */
export function busyChannelOf(body: unknown): string | undefined {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return BUSY_CHANNEL.exec(text)?.[1];
}

async function readChannels(context: IExecuteFunctions) {
	const response = await apiRequest.call(context, useapiV3Endpoint, 'GET', '/jobs', {
		timeoutMs: 5000,
	});
	if (!isSuccess(response.statusCode)) return undefined;
	return ((response.body as IDataObject)?.channels ?? {}) as Record<string, ChannelLoad>;
}

function latestReading(context: IExecuteFunctions) {
	const key = context.getExecutionId() ?? '';
	const now = Date.now();
	const cached = readings.get(key);
	if (cached && now - cached.at < WATCH_MS * 0.7) return cached.channels;
	const channels = readChannels(context).catch(() => undefined);
	readings.set(key, { at: now, channels });
	for (const [other, reading] of readings) if (now - reading.at > 60_000) readings.delete(other);
	return channels;
}

function hasFreeSlot(load: ChannelLoad | undefined, jobType: 'image' | 'video'): boolean {
	if (!load) return true; // no running job on it any more
	const running = load.total ?? 0;
	const typed = (jobType === 'video' ? load.videos : load.images) ?? running;
	const typeLimit = (jobType === 'video' ? load.maxVideoJobs : load.maxImageJobs) ?? Infinity;
	return running < (load.maxJobs ?? Infinity) && typed < typeLimit;
}

/**
 * Resolves once `channel` has a free slot for a job of `jobType` (or the API cannot be read:
 * then the caller's own pause applies), within `remainingMs`. False when the time ran out.
 */
export async function waitForFreeSlot(
	context: IExecuteFunctions,
	channel: string,
	jobType: 'image' | 'video',
	remainingMs: () => number,
): Promise<boolean> {
	const cancel = executionCancelSignal(context);
	for (;;) {
		const pause = WATCH_MS * (0.7 + Math.random() * 0.6);
		if (pause >= remainingMs()) return false;
		await sleepUnlessAborted(pause, cancel);
		const channels = await latestReading(context);
		if (!channels) return false;
		if (hasFreeSlot(channels[channel], jobType)) {
			await sleepUnlessAborted(Math.random() * STAMPEDE_JITTER_MS, cancel);
			return true;
		}
	}
}
