import type { ServerClock } from './serverClock';

/** A running job as a reading of a shared channel lists it; `createdMs` is on the API's clock. */
export interface WatchedJob {
	jobid: string;
	jobType: string;
	createdMs: number;
}

/** What the waiting run knows of its own jobs: a job of `jobType` typically takes `typicalMs`. */
export interface OwnJobs {
	jobType: string;
	typicalMs?: number;
}

const WATCH_MS = 1000;
/** Read again at least this long after the previous answer. */
const MIN_GAP_MS = 100;
/** After a job's expected end: read every 5 % of its duration (≥ 150 ms), for 30 % of it. */
const LATE_STEP_SHARE = 0.05;
const LATE_STEP_MIN_MS = 150;
const LATE_WINDOW_SHARE = 0.3;
/** A read at an expected end goes this share of the duration (≤ 40 ms) after it. */
const LEAD_SHARE = 0.02;
const LEAD_MAX_MS = 40;
const SAMPLES_KEPT = 50;

function median(values: number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * When a run waiting for a slot that other runs' jobs hold reads the channel again. Knowing
 * nothing, every WATCH_MS ± 30 % (so waiters of several executions spread out). Once it knows
 * how long jobs of a type take (its own finished jobs, or jobs it saw on the channel and then
 * saw gone), it reads just after the earliest expected end of a listed job, then in short
 * steps while that job runs late; never more than a watch period apart, since a job can end
 * early (failed, moderated, cancelled). One per channel for an execution's waiting items, so
 * they share each reading. In memory only: an optimisation, never what correctness rests on.
 */
export class WatchPace {
	private readonly seen = new Map<string, { job: WatchedJob; lastSeenAt: number }>();

	private readonly learnt = new Map<string, number[]>();

	constructor(private readonly clock: ServerClock) {}

	/** A reading asked at `askedAt` and answered at `answeredAt` listed `running` on this channel. */
	observe(running: WatchedJob[], askedAt: number, answeredAt: number): void {
		for (const job of running) this.clock.observe(job.createdMs, answeredAt);
		const listed = new Set(running.map((job) => job.jobid));
		for (const [jobid, { job, lastSeenAt }] of this.seen) {
			if (listed.has(jobid)) continue;
			this.seen.delete(jobid);
			const created = this.clock.toLocal(job.createdMs);
			// It ended between the reading that last listed it and this one.
			if (created !== undefined) this.learn(job.jobType, (lastSeenAt + askedAt) / 2 - created);
		}
		for (const job of running) this.seen.set(job.jobid, { job, lastSeenAt: answeredAt });
	}

	/** When to read next, after a reading answered at `answeredAt`; `jitter` in [0, 1). */
	nextReadAt(answeredAt: number, jitter: number, own?: OwnJobs): number {
		const watch = answeredAt + WATCH_MS * (0.7 + 0.6 * jitter);
		const end = this.earliestEnd(answeredAt, own);
		if (!end) return watch;
		const lead = Math.min(LEAD_MAX_MS, LEAD_SHARE * end.durationMs);
		const step = Math.max(LATE_STEP_MIN_MS, LATE_STEP_SHARE * end.durationMs);
		const due = end.at > answeredAt ? end.at + lead : answeredAt + step;
		return Math.min(watch, Math.max(due, answeredAt + MIN_GAP_MS));
	}

	private learn(jobType: string, durationMs: number): void {
		if (!(durationMs > 0)) return;
		const samples = [...(this.learnt.get(jobType) ?? []), durationMs].slice(-SAMPLES_KEPT);
		this.learnt.set(jobType, samples);
	}

	private typicalMs(jobType: string, own?: OwnJobs): number | undefined {
		if (own?.jobType === jobType && own.typicalMs !== undefined) return own.typicalMs;
		return median(this.learnt.get(jobType) ?? []);
	}

	/** The earliest expected end of a listed job not yet past its late window. */
	private earliestEnd(now: number, own?: OwnJobs) {
		let earliest: { at: number; durationMs: number } | undefined;
		for (const { job } of this.seen.values()) {
			const created = this.clock.toLocal(job.createdMs);
			const durationMs = this.typicalMs(job.jobType, own);
			if (created === undefined || durationMs === undefined) continue;
			const at = created + durationMs;
			if (at + LATE_WINDOW_SHARE * durationMs <= now) continue;
			if (!earliest || at < earliest.at) earliest = { at, durationMs };
		}
		return earliest;
	}
}
