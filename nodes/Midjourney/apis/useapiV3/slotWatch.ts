import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sleepUnlessAborted } from '../../helpers/sleepUnlessAborted';
import { apiRequest, executionCancelSignal, isSuccess } from '../../transport/apiRequest';
import { ServerClock } from '../../engine/waiting/serverClock';
import type { OwnJobs, WatchedJob } from '../../engine/waiting/watchPace';
import { WatchPace } from '../../engine/waiting/watchPace';
import { useapiV3Endpoint } from './endpoint';

/**
 * Waiting for a free slot on a busy channel by watching it. useapi.net's 429 names the busy
 * channel; GET /jobs (free, read-only) lists each channel's running jobs (with `created`) and
 * limits, and it is the one state every execution, worker and n8n instance sharing the account
 * sees alike. So a waiter reads it instead of sleeping 10–30 s blindly, and submits as soon as
 * a slot frees.
 *
 * Read budget: one GET /jobs per execution at a time, however many of its items wait: they
 * share each reading, and the reading after it is due when the execution's WatchPace says (just
 * after the earliest expected end of a listed job, at most a watch period later). Between seeing
 * a free slot and submitting, each waiter waits a random moment, so waiters of several
 * executions do not all jump at one slot (those that lose get another 429 and watch again).
 */
const STAMPEDE_JITTER_MS = 200;
/** A reading asked this close before the moment a waiter wants one serves it. */
const SHARED_READING_MS = 20;
const FORGOTTEN_AFTER_MS = 60_000;

interface ChannelLoad extends IDataObject {
	total?: number;
	images?: number;
	videos?: number;
	maxJobs?: number;
	maxImageJobs?: number;
	maxVideoJobs?: number;
	jobs?: IDataObject[];
}

type Channels = Record<string, ChannelLoad>;

interface Reading {
	askedAt: number;
	answer: Promise<Channels | undefined>;
	answeredAt?: number;
	jitter: number;
}

/** One execution's watch: its latest reading and each watched channel's pace. A cache only. */
interface Watch {
	clock: ServerClock;
	paces: Map<string, WatchPace>;
	reading?: Reading;
	usedAt: number;
}

const watches = new Map<string, Watch>();

const BUSY_CHANNEL = /Channel (\d+) is busy/i;

/** The channel a 429 says is busy, when it says so (a rate limit names none). */
export function busyChannelOf(body: unknown): string | undefined {
	const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return BUSY_CHANNEL.exec(text)?.[1];
}

async function readChannels(context: IExecuteFunctions): Promise<Channels | undefined> {
	const response = await apiRequest.call(context, useapiV3Endpoint, 'GET', '/jobs', {
		timeoutMs: 5000,
	});
	if (!isSuccess(response.statusCode)) return undefined;
	return ((response.body as IDataObject)?.channels ?? {}) as Channels;
}

function watchOf(context: IExecuteFunctions): Watch {
	const key = `${context.getExecutionId() ?? ''}\u0000${context.getNode().id}`;
	const now = Date.now();
	for (const [other, { usedAt }] of watches)
		if (now - usedAt > FORGOTTEN_AFTER_MS) watches.delete(other);
	const watch = watches.get(key) ?? { clock: new ServerClock(), paces: new Map(), usedAt: now };
	watch.usedAt = now;
	watches.set(key, watch);
	return watch;
}

function paceOf(watch: Watch, channel: string): WatchPace {
	const pace = watch.paces.get(channel) ?? new WatchPace(watch.clock);
	watch.paces.set(channel, pace);
	return pace;
}

function listedJobs(load: ChannelLoad | undefined): WatchedJob[] {
	return (load?.jobs ?? []).flatMap((job) => {
		const createdMs = Date.parse(String(job.created ?? ''));
		const jobid = job.jobId ?? job.jobid;
		if (typeof jobid !== 'string' || !Number.isFinite(createdMs)) return [];
		return [{ jobid, jobType: String(job.jobType ?? 'image'), createdMs }];
	});
}

/** The reading asked at `wantedAt` or later: shared by the execution's waiting items. */
function readingFrom(context: IExecuteFunctions, watch: Watch, wantedAt: number): Reading {
	if (watch.reading && watch.reading.askedAt >= wantedAt - SHARED_READING_MS) return watch.reading;
	const reading: Reading = {
		askedAt: Date.now(),
		jitter: Math.random(),
		answer: Promise.resolve(undefined),
	};
	reading.answer = readChannels(context)
		.catch(() => undefined)
		.then((channels) => {
			// A failed reading is answered too, so the next one is asked anew; it shows nothing.
			reading.answeredAt = Date.now();
			if (!channels) return undefined;
			for (const [channel, pace] of watch.paces) {
				pace.observe(listedJobs(channels[channel]), reading.askedAt, reading.answeredAt);
			}
			return channels;
		});
	watch.reading = reading;
	return reading;
}

/** When the channel's next reading is due: now, when there is none yet. */
function dueAt(watch: Watch, channel: string, own: OwnJobs): number {
	const latest = watch.reading;
	if (!latest) return Date.now();
	if (latest.answeredAt === undefined) return latest.askedAt; // in flight: share it
	return paceOf(watch, channel).nextReadAt(latest.answeredAt, latest.jitter, own);
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
 * `typicalMs`: how long the run's own finished jobs took, when some did.
 */
export async function waitForFreeSlot(
	context: IExecuteFunctions,
	channel: string,
	jobType: 'image' | 'video',
	remainingMs: () => number,
	typicalMs?: number,
): Promise<boolean> {
	const cancel = executionCancelSignal(context);
	const watch = watchOf(context);
	paceOf(watch, channel);
	for (;;) {
		const due = dueAt(watch, channel, { jobType, typicalMs });
		const pause = Math.max(0, due - Date.now());
		if (pause >= remainingMs()) return false;
		await sleepUnlessAborted(pause, cancel);
		const channels = await readingFrom(context, watch, due).answer;
		if (!channels) return false;
		if (hasFreeSlot(channels[channel], jobType)) {
			await sleepUnlessAborted(Math.random() * STAMPEDE_JITTER_MS, cancel);
			return true;
		}
	}
}
