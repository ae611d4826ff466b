import type { Job } from './job';

/** The shortest pause between two reads of one job. */
export const MIN_READ_GAP_MS = 250;
/**
 * Early reads, since the start of the job: a short job ends before the first Poll Interval, and
 * two readings of its progress tell its pace. Skipped while the job is still queued (created).
 */
const EARLY_READS_MS = [500, 1000, 1500];
/** Reads aimed at a predicted end between two ticks of the Poll Interval, per job at most. */
const END_READS = 3;

interface Observation {
	at: number;
	progress: number;
}

function progressOf(job: Job | undefined): number | undefined {
	const value = job?.response?.progress_percent;
	return typeof value === 'number' && value > 0 && value < 100 ? value : undefined;
}

/**
 * When to read a running job next (Poll mode, and reading on after a dropped stream). Reads
 * follow the Poll Interval's ticks since the job started, after two early reads; a job reports
 * its progress, so when its predicted end falls between two ticks, up to END_READS extra reads
 * aim at that end instead of waiting for the next tick.
 */
export class ReadSchedule {
	private readonly observations: Observation[] = [];

	private endReads = 0;

	private queued = false;

	constructor(
		private readonly intervalMs: number,
		private readonly startedAt: number = Date.now(),
	) {}

	/** A state of the job seen at `at` (a read, or the last event of a stream). */
	observe(job: Job | undefined, at: number = Date.now()): void {
		// Still 'created' a second after the submit: queued behind other jobs, not starting.
		this.queued = job?.status === 'created' && at - this.startedAt >= 1000;
		const progress = progressOf(job);
		if (progress !== undefined) this.observations.push({ at, progress });
	}

	/** Milliseconds to wait before the next read. */
	nextDelay(now: number = Date.now()): number {
		const tick = this.nextTick(now);
		const end = this.predictedEnd();
		if (end !== undefined && end < tick && this.endReads < END_READS) {
			this.endReads++;
			return Math.max(MIN_READ_GAP_MS, end - now);
		}
		return Math.max(MIN_READ_GAP_MS, tick - now);
	}

	private nextTick(now: number): number {
		const elapsed = now - this.startedAt;
		const early = EARLY_READS_MS.find((ms) => ms > elapsed + MIN_READ_GAP_MS / 2);
		if (early !== undefined && !this.queued) return this.startedAt + early;
		return this.startedAt + (Math.floor(elapsed / this.intervalMs) + 1) * this.intervalMs;
	}

	private predictedEnd(): number | undefined {
		const last = this.observations.at(-1);
		if (!last) return undefined;
		const first = this.observations.find((o) => o.progress < last.progress);
		const rate = first
			? (last.progress - first.progress) / Math.max(1, last.at - first.at)
			: last.progress / Math.max(1, last.at - this.startedAt);
		return last.at + (100 - last.progress) / rate;
	}
}
