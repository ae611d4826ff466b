import type { Job } from './job';
import { JobPace } from './jobPace';

/** The shortest pause between two reads of one job. */
export const MIN_READ_GAP_MS = 250;
/**
 * Early reads, since the start of the job: a short job ends before the first Poll Interval, and
 * its first progress tells its pace. Skipped once the job is seen still queued (created).
 */
const EARLY_READS_MS = [500, 1000, 1500];
/** Reads after the predicted end passed without the job being final, before ticks resume. */
const LATE_READS = 3;
/** A predicted end this many Poll Intervals away or less is waited for without reads between. */
const FAR_INTERVALS = 4;

/**
 * When to read a running job next (Poll mode, and reading on after a dropped stream).
 * Without a known pace: early reads, then one per Poll Interval since the job started. Once its
 * progress gives a pace (JobPace), one read at the predicted end instead of the ticks before it,
 * with a read halfway while that end is still far; and if the job is not final there, a few
 * quick reads before the ticks resume.
 */
export class ReadSchedule {
	private readonly pace = new JobPace();

	private lateReads = 0;

	private queued = false;

	constructor(
		private readonly intervalMs: number,
		private readonly startedAt: number = Date.now(),
	) {}

	/** A state of the job seen at `at` (a read, or the last event of a stream). */
	observe(job: Job | undefined, at: number = Date.now()): void {
		// Still 'created' a second after the submit: queued behind other jobs, not starting.
		this.queued = job?.status === 'created' && at - this.startedAt >= 1000;
		this.pace.observe(job, at);
	}

	/** Milliseconds to wait before the next read. */
	nextDelay(now: number = Date.now()): number {
		return Math.max(MIN_READ_GAP_MS, this.nextRead(now) - now);
	}

	private nextRead(now: number): number {
		const end = this.pace.predictedEnd();
		if (end === undefined) return this.nextTick(now);
		if (end > now) return this.towards(end, now);
		if (this.lateReads < LATE_READS) {
			this.lateReads++;
			return now + this.lateGap(now);
		}
		return this.nextTick(now);
	}

	/** The predicted end, or halfway there while it is far (a pace can change). */
	private towards(end: number, now: number): number {
		const far = end - now > FAR_INTERVALS * this.intervalMs;
		return far ? now + (end - now) / 2 : end;
	}

	/** A tenth of the job's age: quick for a short job, not a burst for a long one. */
	private lateGap(now: number): number {
		return Math.min(this.intervalMs, Math.max(MIN_READ_GAP_MS, (now - this.startedAt) / 10));
	}

	private nextTick(now: number): number {
		const elapsed = now - this.startedAt;
		const early = EARLY_READS_MS.find((ms) => ms > elapsed + MIN_READ_GAP_MS / 2);
		if (early !== undefined && !this.queued) return this.startedAt + early;
		return this.startedAt + (Math.floor(elapsed / this.intervalMs) + 1) * this.intervalMs;
	}
}
