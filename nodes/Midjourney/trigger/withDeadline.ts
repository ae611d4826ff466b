import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

/**
 * The promise's value, or undefined once `ms` passed first. The promise itself keeps running
 * (its late failure is dropped): the trigger only needs to stop waiting, to answer the caller.
 */
export async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	const timer = new AbortController();
	const expired = sleepUnlessAborted(ms, timer.signal).then(
		() => undefined,
		() => undefined,
	);
	promise.catch(() => undefined);
	try {
		return await Promise.race([promise, expired]);
	} finally {
		timer.abort();
	}
}
