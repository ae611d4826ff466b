/** The point in time by which a job must have finished, as chosen in Options → Timeout. */
export class Deadline {
	private readonly endsAt: number;

	constructor(readonly timeoutMs: number) {
		this.endsAt = Date.now() + timeoutMs;
	}

	remainingMs(): number {
		return Math.max(0, this.endsAt - Date.now());
	}

	expired(): boolean {
		return this.remainingMs() === 0;
	}
}
