/**
 * The API's clock mapped to ours: a job's `updated` says when a step happened on the API's clock,
 * and a read that shows it arrives after it, so our clock minus the API's is at most the smallest
 * seen-after-updated gap of any read. Shared by the jobs of a run, every read tightens it for all.
 */
export class ServerClock {
	private offset = Infinity;

	/** A state stamped `serverAt` (the API's clock) was seen at `seenAt` (ours). */
	observe(serverAt: number, seenAt: number): void {
		this.offset = Math.min(this.offset, seenAt - serverAt);
	}

	/** `serverAt` on our clock; undefined until a read gave the mapping. */
	toLocal(serverAt: number): number | undefined {
		return Number.isFinite(this.offset) ? serverAt + this.offset : undefined;
	}
}
