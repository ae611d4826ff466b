/** Runs `worker` over `list` with at most `limit` calls in flight, in list order. */
export async function forEachConcurrently<T>(
	list: T[],
	limit: number,
	worker: (entry: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < list.length) {
			const entry = list[next++];
			await worker(entry);
		}
	};
	const lanes = Math.max(1, Math.min(limit, list.length));
	await Promise.all(Array.from({ length: lanes }, lane));
}
