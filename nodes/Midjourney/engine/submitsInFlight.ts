import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

const SETTLE_MS = 5000;

/**
 * Submits of one node run whose job id is not known yet. A lost submit looks for its job among
 * the running ones only once the other items' submits have settled: until then a job it finds
 * may be another item's, whose id has not reached the node yet. Every item of a run runs in one
 * execute() call, so the run's own count is exact; the engine shares one among its items.
 */
export class SubmitsInFlight {
	private count = 0;

	/** Marks one submit as in flight; the returned function marks it settled (once). */
	started(): () => void {
		this.count++;
		let settled = false;
		return () => {
			if (settled) return;
			settled = true;
			this.count--;
		};
	}

	/** Waits (at most a few seconds) until no other submit of this run is in flight. */
	async othersSettled(cancelSignal?: AbortSignal): Promise<void> {
		const until = Date.now() + SETTLE_MS;
		while (this.count > 0 && Date.now() < until) {
			await sleepUnlessAborted(100, cancelSignal);
		}
	}
}
