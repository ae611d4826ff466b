/**
 * Runs `worker` over `list` with at most `limit` calls in flight, taking entries in list
 * order. A worker that returns `false` ends its lane: the slot stays taken for good.
 */
export async function forEachConcurrently<T>(
	list: T[],
	limit: number,
	worker: (entry: T) => Promise<void | boolean>,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < list.length) {
			const entry = list[next++];
			if ((await worker(entry)) === false) return;
		}
	};
	const lanes = Math.max(1, Math.min(limit, list.length));
	await Promise.all(Array.from({ length: lanes }, lane));
}
