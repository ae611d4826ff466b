import { sleep } from 'n8n-workflow';

/**
 * Longest single timer: a wait that is cut short leaves at most this much timer behind, since
 * `sleep` (the one wait every supported n8n-workflow exports) cannot be cleared.
 */
const SLICE_MS = 1000;

export class WaitAbortedError extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'WaitAbortedError';
	}
}

/**
 * Waits `ms`, or rejects with WaitAbortedError as soon as `signal` aborts.
 * n8n-workflow's own abortable sleep exists only in 2.30–2.33 (n8n ≥ 2.34 dropped it), and the
 * package runs against whichever n8n-workflow the user's n8n ships.
 */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
	const endsAt = Date.now() + ms;
	for (;;) {
		if (signal?.aborted) throw new WaitAbortedError();
		const left = endsAt - Date.now();
		if (left <= 0) return;
		await untilAborted(sleep(Math.min(left, SLICE_MS)), signal);
	}
}

async function untilAborted(wait: Promise<void>, signal?: AbortSignal): Promise<void> {
	if (!signal) return await wait;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([wait, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
