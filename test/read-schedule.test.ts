import type { Job } from '../nodes/Midjourney/engine/job';
import { MIN_READ_GAP_MS, ReadSchedule } from '../nodes/Midjourney/engine/readSchedule';

/** Plays a job of `durationMs` whose progress grows linearly after `startsAfterMs`; returns read times. */
function reads(intervalMs: number, durationMs: number, startsAfterMs = 0): number[] {
	const schedule = new ReadSchedule(intervalMs, 0);
	const times: number[] = [];
	let now = 0;
	schedule.observe({ jobid: 'j', status: 'created' } as Job, 0);
	for (;;) {
		now += schedule.nextDelay(now);
		times.push(now);
		if (now >= durationMs) return times;
		const running = now > startsAfterMs;
		const progress = running
			? Math.floor(((now - startsAfterMs) / (durationMs - startsAfterMs)) * 100)
			: 0;
		const job = {
			jobid: 'j',
			status: running ? 'progress' : 'created',
			response: { progress_percent: progress },
		} as Job;
		schedule.observe(job, now);
	}
}

describe('ReadSchedule: when a running job is read next', () => {
	it('a 30 s job is read about once per Poll Interval, not more than twice over', () => {
		const times = reads(5000, 30_000, 6000);
		expect(times.length).toBeLessThanOrEqual(30_000 / 5000 + 3);
		expect(times.at(-1)! - 30_000).toBeLessThan(5000);
	});

	it('a 2 s job is seen finished well before the first Poll Interval tick', () => {
		const times = reads(5000, 2000, 400);
		expect(times.at(-1)).toBeLessThan(3000);
	});

	it('never reads twice within the minimum gap', () => {
		for (const duration of [1000, 2000, 7000, 30_000]) {
			const times = reads(5000, duration, duration / 5);
			const gaps = times.slice(1).map((t, i) => t - times[i]);
			expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_READ_GAP_MS);
		}
	});
});
