/** What one finished job of the run showed: how long it ran, and when it reached each progress. */
export interface FinishedJobTimes {
	/** created → final, on the API's clock. */
	durationMs: number;
	/** Progress (0 = started) → the share of the duration after which the job reached it. */
	reachedAt: Map<number, number>;
}

function median(values: number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * How long the jobs of one node run take, learnt from those that finished: the jobs of a batch
 * are alike (one verb, one account, one mode), so the next job's first read can be timed by
 * them, and a single progress step seen of it (with the share of the duration at which the
 * finished ones reached that step) tells when it will end, where two steps were needed before.
 * Kept in memory for one execute() call: an optimisation only.
 */
export class LearntDurations {
	private readonly durations: number[] = [];

	private readonly shares = new Map<number, number[]>();

	learn({ durationMs, reachedAt }: FinishedJobTimes): void {
		if (!(durationMs > 0)) return;
		this.durations.push(durationMs);
		for (const [progress, share] of reachedAt) {
			if (!(share > 0 && share < 1)) continue;
			this.shares.set(progress, [...(this.shares.get(progress) ?? []), share]);
		}
	}

	/** The median duration of the run's finished jobs, once one finished. */
	typicalMs(): number | undefined {
		return median(this.durations);
	}

	/**
	 * The share of its duration at which a job of this run reaches `progress`: as learnt, or
	 * between the nearest steps learnt below and above it (100 % is reached at the end).
	 */
	shareAt(progress: number): number | undefined {
		const known = this.knownShares();
		const exact = known.find(([at]) => at === progress);
		if (exact) return exact[1];
		const below = known.filter(([at]) => at < progress).at(-1);
		const above = known.find(([at]) => at > progress);
		if (!below || !above) return undefined;
		const [fromProgress, fromShare] = below;
		const [toProgress, toShare] = above;
		return (
			fromShare + ((progress - fromProgress) / (toProgress - fromProgress)) * (toShare - fromShare)
		);
	}

	/** [progress, median share] of every step learnt, by progress, and the end (100 %, the whole duration). */
	private knownShares(): Array<[number, number]> {
		if (this.durations.length === 0) return [];
		const learnt = [...this.shares.entries()].map(([progress, shares]): [number, number] => [
			progress,
			median(shares)!,
		]);
		return [...learnt, [100, 1] as [number, number]].sort(([a], [b]) => a - b);
	}
}
