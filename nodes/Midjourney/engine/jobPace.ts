import type { Job } from './job';
import type { FinishedJobTimes, LearntDurations } from './waiting/learntDurations';
import { ServerClock } from './waiting/serverClock';

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

function serverTime(stamp: string | undefined): number | undefined {
	const at = stamp ? Date.parse(stamp) : NaN;
	return Number.isFinite(at) ? at : undefined;
}

/**
 * A running job's pace, and when it will likely end. Each step is timed by the job's own
 * `updated` (when it happened on the API), not by when a read happened to see it: reads come
 * late by up to a whole gap, and a pace measured from them would predict late too. The API's
 * clock is mapped to ours by ServerClock (shared by a run's jobs when it has a BatchPace).
 * With what the run's finished jobs taught (LearntDurations), one step seen is enough: the
 * share of the duration at which they reached it gives the end; else two steps give a pace.
 */
export class JobPace {
	private readonly points: ProgressPoint[] = [];

	private createdAt?: number;

	private completedAt?: number;

	/**
	 * `acceptedAt`: when the submit's answer came, on our clock. The job was created before it,
	 * so its `created` maps the API's clock to ours within a round trip, where the steps a read
	 * shows (seen up to a gap late) bound it only loosely.
	 */
	constructor(
		private readonly clock: ServerClock = new ServerClock(),
		private readonly learnt?: LearntDurations,
		private readonly acceptedAt?: number,
	) {}

	observe(job: Job | undefined, at: number): void {
		const serverAt = serverTime(job?.updated);
		if (serverAt !== undefined) this.clock.observe(serverAt, at);
		if (this.createdAt === undefined) {
			this.createdAt = serverTime(job?.created);
			if (this.createdAt !== undefined && this.acceptedAt !== undefined)
				this.clock.observe(this.createdAt, Math.min(at, this.acceptedAt));
		}
		if (job?.status === 'completed') this.completedAt ??= serverAt;
		const progress = progressOf(job);
		if (progress === undefined || this.points.some((p) => p.progress === progress)) return;
		this.points.push({ progress, serverAt, seenAt: at });
	}

	/**
	 * When the job will likely end, on our clock; undefined until the steps seen tell. Its own
	 * pace first (two steps: immune to how long it queued), else one step and the learnt share.
	 */
	predictedEnd(): number | undefined {
		return this.endFromPace() ?? this.endFromLearnt();
	}

	/** How long the job took and when it reached each step, once it completed (to learn from). */
	finishedTimes(): FinishedJobTimes | undefined {
		const { createdAt, completedAt } = this;
		if (createdAt === undefined || completedAt === undefined) return undefined;
		const durationMs = completedAt - createdAt;
		const reachedAt = new Map<number, number>();
		for (const point of this.points) {
			if (point.serverAt !== undefined)
				reachedAt.set(point.progress, (point.serverAt - createdAt) / durationMs);
		}
		return { durationMs, reachedAt };
	}

	/**
	 * One step and the share of the duration at which the run's finished jobs reached it. Not
	 * from 'started': how long a job waits to start varies, the steps after it less so.
	 */
	private endFromLearnt(): number | undefined {
		const last = this.points.at(-1);
		if (!last || !last.progress || last.serverAt === undefined || this.createdAt === undefined)
			return undefined;
		const share = this.learnt?.shareAt(last.progress);
		if (!share) return undefined;
		return this.clock.toLocal(this.createdAt + (last.serverAt - this.createdAt) / share);
	}

	private endFromPace(): number | undefined {
		const last = this.points.at(-1);
		const first = this.points.find((p) => last && p.progress < last.progress);
		if (!last || !first) return undefined;
		const elapsed = this.localTime(last) - this.localTime(first);
		if (elapsed <= 0) return undefined;
		const rate = (last.progress - first.progress) / elapsed;
		return this.localTime(last) + (100 - last.progress) / rate;
	}

	private localTime(point: ProgressPoint): number {
		if (point.serverAt === undefined) return point.seenAt;
		return this.clock.toLocal(point.serverAt) ?? point.seenAt;
	}
}
