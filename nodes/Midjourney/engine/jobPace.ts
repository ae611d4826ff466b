import type { Job } from './job';

interface ProgressPoint {
	progress: number;
	/** When the job reached it, on useapi.net's clock (its `updated`), if the job said. */
	serverAt?: number;
	/** When this process first saw it. */
	seenAt: number;
}

/** The job's progress: 0 once it started, then progress_percent until it is final. */
function progressOf(job: Job | undefined): number | undefined {
	const value = job?.response?.progress_percent;
	if (typeof value === 'number' && value > 0 && value < 100) return value;
	return job?.status === 'started' ? 0 : undefined;
}

function serverTime(job: Job | undefined): number | undefined {
	const at = job?.updated ? Date.parse(job.updated) : NaN;
	return Number.isFinite(at) ? at : undefined;
}

/**
 * A running job's pace, and when it will likely end. Each step is timed by the job's own
 * `updated` (when it happened on useapi.net), not by when a read happened to see it: reads come
 * late by up to a whole gap, and a pace measured from them would predict late too. useapi.net's
 * clock is mapped to ours by the tightest bound the reads give (a step is seen after it happened).
 */
export class JobPace {
	private readonly points: ProgressPoint[] = [];

	/** Our clock minus useapi.net's, at most (the smallest seen-after-updated gap). */
	private clockOffset = Infinity;

	observe(job: Job | undefined, at: number): void {
		const serverAt = serverTime(job);
		if (serverAt !== undefined) this.clockOffset = Math.min(this.clockOffset, at - serverAt);
		const progress = progressOf(job);
		if (progress === undefined || this.points.some((p) => p.progress === progress)) return;
		this.points.push({ progress, serverAt, seenAt: at });
	}

	/** When the job will likely end, on our clock; undefined until two steps give a pace. */
	predictedEnd(): number | undefined {
		const last = this.points.at(-1);
		const first = this.points.find((p) => last && p.progress < last.progress);
		if (!last || !first) return undefined;
		const elapsed = this.localTime(last) - this.localTime(first);
		if (elapsed <= 0) return undefined;
		const rate = (last.progress - first.progress) / elapsed;
		return this.localTime(last) + (100 - last.progress) / rate;
	}

	private localTime(point: ProgressPoint): number {
		if (point.serverAt === undefined || !Number.isFinite(this.clockOffset)) return point.seenAt;
		return point.serverAt + this.clockOffset;
	}
}
