import type { Job } from './job';
import { isFinal } from './job';
import { JobPace } from './jobPace';
import type { BatchPace } from './waiting/batchPace';

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
 * Once the run's jobs have a typical duration, a new job is first read at these shares of it
 * instead of the early reads: late enough to show a progress step (whose learnt share gives the
 * end) on a job 30 % longer than typical, early enough to come before the end of one 30 % shorter.
 */
const PROBE_SHARES = [0.55, 0.8];
/**
 * The read at a predicted end goes this share of the job's length after it, up to a cap: a
 * read that comes a hair early costs a late read (a quarter second or more).
 */
const END_MARGIN_SHARE = 0.02;
const END_MARGIN_MAX_MS = 40;

/**
 * When to read a running job next (Poll mode, and reading on after a dropped stream).
 * Without a known pace: early reads, then one per Poll Interval since the job started; once a
 * job of the run finished, reads at shares of the run's typical duration and at its end instead. Once its progress gives a pace (JobPace),
 * one read just after the predicted end instead of the ticks before it,
 * with a read halfway while that end is still far; and if the job is not final there, a few
 * quick reads before the ticks resume.
 */
export class ReadSchedule {
	private readonly pace: JobPace;

	private lateReads = 0;

	private queued = false;

	/** `batch`: what the run's other jobs taught (their durations, the API's clock), when the node follows a run. */
	constructor(
		private readonly intervalMs: number,
		private readonly startedAt: number = Date.now(),
		private readonly batch?: BatchPace,
	) {
		this.pace = new JobPace(batch?.clock, batch?.durations, startedAt);
	}

	/** A state of the job seen at `at` (a read, or the last event of a stream). */
	observe(job: Job | undefined, at: number = Date.now()): void {
		// Still 'created' a second after the submit: queued behind other jobs, not starting.
		this.queued = job?.status === 'created' && at - this.startedAt >= 1000;
		this.pace.observe(job, at);
		if (job && isFinal(job.status)) {
			const finished = this.pace.finishedTimes();
			if (finished) this.batch?.durations.learn(finished);
		}
	}

	/** Milliseconds to wait before the next read. */
	nextDelay(now: number = Date.now()): number {
		return Math.max(MIN_READ_GAP_MS, this.nextRead(now) - now);
	}

	private nextRead(now: number): number {
		const predicted = this.pace.predictedEnd();
		if (predicted !== undefined) return this.toEnd(predicted, now);
		const typical = this.typicalMs();
		if (typical === undefined) return this.nextTick(now);
		const probe = PROBE_SHARES.map((share) => this.startedAt + share * typical).find(
			(at) => at > now + MIN_READ_GAP_MS / 2,
		);
		// No step told the job's end: the run's typical one is its expected end.
		return probe ?? this.toEnd(this.startedAt + typical, now);
	}

	/** Towards an expected end; past it, a few quick reads, then the ticks. */
	private toEnd(end: number, now: number): number {
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
		if (far) return now + (end - now) / 2;
		return end + Math.min(END_MARGIN_MAX_MS, Math.max(0, end - this.startedAt) * END_MARGIN_SHARE);
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

	/**
	 * The run's typical duration, when it times this job's reads: once a job of the run
	 * finished, for jobs shorter than a Poll Interval (longer ones are read on the ticks until
	 * their steps tell their end), and not while the job is still queued.
	 */
	private typicalMs(): number | undefined {
		const typical = this.batch?.durations.typicalMs();
		if (typical === undefined || typical >= this.intervalMs || this.queued) return undefined;
		return typical;
	}
}
