import {
	NOT_PROCESSED_CAP_MS,
	notProcessedBackoffMs,
} from '../nodes/Midjourney/transport/notProcessedBackoff';

describe('the pause before resubmitting a command useapi.net did not process (503)', () => {
	it('starts between 0.5 and 1 s, doubles, and stops growing at the cap', () => {
		const lowest = [1, 2, 3, 4, 5, 10].map((attempt) => notProcessedBackoffMs(attempt, 0));
		const highest = [1, 2, 3, 4, 5, 10].map((attempt) => notProcessedBackoffMs(attempt, 0.999999));
		expect(lowest).toEqual([500, 1000, 2000, 2000, 2000, 2000]);
		expect(highest.map(Math.round)).toEqual([1000, 2000, 4000, 4000, 4000, 4000]);
	});

	it('is jittered: two items refused together do not come back together', () => {
		expect(notProcessedBackoffMs(2, 0.1)).not.toBe(notProcessedBackoffMs(2, 0.9));
	});

	it('never exceeds the cap, whatever the attempt or the random draw', () => {
		for (let attempt = 0; attempt < 60; attempt++) {
			for (const draw of [-1, 0, 0.5, 1, 2]) {
				const pause = notProcessedBackoffMs(attempt, draw);
				expect(pause).toBeGreaterThan(0);
				expect(pause).toBeLessThanOrEqual(NOT_PROCESSED_CAP_MS);
			}
		}
	});
});
