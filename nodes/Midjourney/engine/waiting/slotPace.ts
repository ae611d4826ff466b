import { WaitAbortedError, sleepUnlessAborted } from '../../helpers/sleepUnlessAborted';

/** A slot one item of the batch holds, from just before its submit until its job ends. */
export interface HeldSlot {
	/**
	 * The submit was answered 429. With other jobs of the batch running, the account's capacity
	 * is what they take: the limit is cut to them and this item waits for one of them to end,
	 * then holds a slot again (true). False when none of the batch's own jobs runs (the 429 is
	 * someone else's doing: the caller's Busy Retry pause applies) or the time ran out.
	 */
	busy(remainingMs: () => number, cancelSignal?: AbortSignal): Promise<boolean>;
	/** Gives the slot back; `ended`: the job reached a final status (its slot is free at the API). */
	free(ended: boolean): void;
}

/**
 * What capacity is free for the jobs of one node run that the node follows to their end (Poll,
 * Stream). It starts at the batch's concurrency, is cut to the jobs still running on a 429
 * (APIs that report no capacity, like /v1, say it only that way), and grows by one again after
 * each round of jobs that ended without a 429 in between, so a capacity that was raised is
 * found again at the cost of one 429 per round. Every item of a run runs in one execute()
 * call, so counting here is exact; it is an optimisation, never what correctness rests on
 * (a submit refused anyway is simply waited out again).
 */
export class SlotPace {
	private limit: number;

	private held = 0;

	private endsSinceCut = 0;

	private readonly waiters = new Set<() => void>();

	constructor(private readonly ceiling: number) {
		this.limit = Math.max(1, ceiling);
	}

	/** The number of jobs the batch now lets run at once. */
	get capacity(): number {
		return this.limit;
	}

	/**
	 * Takes a slot once one is free under the limit, waiting for the batch's own jobs to end;
	 * when the time runs out the slot is taken anyway, and the API's answer decides.
	 */
	async take(remainingMs: () => number, cancelSignal?: AbortSignal): Promise<HeldSlot> {
		await this.untilFree(remainingMs, cancelSignal);
		this.held++;
		return this.slot();
	}

	private slot(): HeldSlot {
		let holding = true;
		return {
			busy: async (remainingMs, cancelSignal) => {
				const others = this.held - 1;
				if (others <= 0) return false;
				this.cut(others);
				this.held--;
				try {
					return await this.untilFree(remainingMs, cancelSignal);
				} finally {
					this.held++;
				}
			},
			free: (ended) => {
				if (!holding) return;
				holding = false;
				this.held--;
				if (ended) this.grow();
				for (const wake of [...this.waiters]) wake();
			},
		};
	}

	private cut(running: number): void {
		this.limit = Math.max(1, running);
		this.endsSinceCut = 0;
	}

	private grow(): void {
		if (this.limit >= this.ceiling) return;
		this.endsSinceCut++;
		if (this.endsSinceCut < this.limit) return;
		this.limit++;
		this.endsSinceCut = 0;
	}

	/** True once a slot is free under the limit; false when the time ran out first. */
	private async untilFree(remainingMs: () => number, cancelSignal?: AbortSignal) {
		while (this.held >= this.limit) {
			if (remainingMs() <= 0) return false;
			await this.nextChange(remainingMs(), cancelSignal);
		}
		return true;
	}

	/** Resolves when a slot is given back, or after `ms`; rejects when the execution stops. */
	private async nextChange(ms: number, cancelSignal?: AbortSignal): Promise<void> {
		const stopTimer = new AbortController();
		const onCancel = () => stopTimer.abort();
		cancelSignal?.addEventListener('abort', onCancel, { once: true });
		let wake = () => {};
		const changed = new Promise<void>((resolve) => (wake = resolve));
		this.waiters.add(wake);
		try {
			const timer = sleepUnlessAborted(ms, stopTimer.signal).catch(() => undefined);
			await Promise.race([changed, timer]);
		} finally {
			this.waiters.delete(wake);
			stopTimer.abort();
			cancelSignal?.removeEventListener('abort', onCancel);
		}
		if (cancelSignal?.aborted) throw new WaitAbortedError();
	}
}
