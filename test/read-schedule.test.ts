import type { Job } from '../nodes/Midjourney/engine/job';
import { JobPace } from '../nodes/Midjourney/engine/jobPace';
import { MIN_READ_GAP_MS, ReadSchedule } from '../nodes/Midjourney/engine/readSchedule';
import { BatchPace } from '../nodes/Midjourney/engine/waiting/batchPace';

interface Step {
	at: number;
	status: Job['status'];
	progress?: number;
}

/** Steps of a job as the simulator runs one: queued, started, 25/50/75 %, final at `durationMs`. */
function simulatorSteps(durationMs: number): Step[] {
	const slot = durationMs / 5;
	return [
		{ at: 0, status: 'created' },
		{ at: slot, status: 'started' },
		{ at: 2 * slot, status: 'progress', progress: 25 },
		{ at: 3 * slot, status: 'progress', progress: 50 },
		{ at: 4 * slot, status: 'progress', progress: 75 },
		{ at: durationMs, status: 'completed', progress: 100 },
	];
}

/** The job as a read at `now` returns it; `updated` on a server clock `skewMs` ahead of ours. */
function jobAt(steps: Step[], now: number, { skewMs = 0, withUpdated = true } = {}): Job {
	const step = [...steps].reverse().find((s) => s.at <= now)!;
	return {
		jobid: 'j',
		status: step.status,
		...(withUpdated
			? {
					created: new Date(1e12 + skewMs).toISOString(),
					updated: new Date(1e12 + step.at + skewMs).toISOString(),
				}
			: {}),
		response: step.progress ? { progress_percent: step.progress } : {},
	} as Job;
}

/** Reads the job as pollJob would (each answer `latencyMs` after the state it shows); returns read times. */
function reads(
	steps: Step[],
	intervalMs = 5000,
	options: { skewMs?: number; withUpdated?: boolean; batch?: BatchPace } = {},
) {
	const end = steps.at(-1)!.at;
	const schedule = new ReadSchedule(intervalMs, 0, options.batch);
	const latencyMs = 3;
	schedule.observe(jobAt(steps, 0, options), latencyMs);
	const times: number[] = [];
	let now = latencyMs;
	for (;;) {
		now += schedule.nextDelay(now);
		times.push(now);
		if (now >= end) {
			schedule.observe(jobAt(steps, now - latencyMs, options), now);
			return times;
		}
		schedule.observe(jobAt(steps, now - latencyMs, options), now);
	}
}

describe('ReadSchedule: when a running job is read next', () => {
	it('a 2 s job is seen finished within a few ms of its end, in three or four reads', () => {
		const times = reads(simulatorSteps(2000));
		expect(times.at(-1)! - 2000).toBeLessThan(50);
		expect(times.length).toBeLessThanOrEqual(4);
	});

	it('a 30 s job costs no more reads than a fixed Poll Interval, and is seen at its end', () => {
		for (const duration of [21_000, 30_000, 39_000]) {
			const times = reads(simulatorSteps(duration));
			expect(times.length).toBeLessThanOrEqual(Math.ceil(duration / 5000));
			expect(times.at(-1)! - duration).toBeLessThan(50);
		}
	});

	it("useapi.net's clock ahead of or behind ours does not move the predicted end", () => {
		for (const skewMs of [-90_000, 45_000]) {
			const times = reads(simulatorSteps(2000), 5000, { skewMs });
			expect(times.at(-1)! - 2000).toBeLessThan(50);
		}
	});

	it('without `updated`, the pace is timed by when reads saw the steps: later, still before the first tick', () => {
		const times = reads(simulatorSteps(2000), 5000, { withUpdated: false });
		expect(times.at(-1)).toBeLessThan(5000);
	});

	it('a job that stalls past its predicted end gets three quick reads, then one per Poll Interval', () => {
		const steps = simulatorSteps(2000);
		steps[steps.length - 1] = { at: 20_000, status: 'completed', progress: 100 };
		const times = reads(steps);
		const afterPrediction = times.filter((t) => t > 2000);
		const gaps = afterPrediction.slice(1).map((t, i) => t - afterPrediction[i]);
		expect(gaps.slice(0, 2).every((gap) => gap < 1000)).toBe(true);
		expect(gaps.slice(3).every((gap) => gap <= 5000)).toBe(true);
		expect(times.at(-1)! - 20_000).toBeLessThanOrEqual(5000);
		expect(times.length).toBeLessThan(12);
	});

	it('a far predicted end is checked halfway, so a job that speeds up is not waited for blindly', () => {
		const steps: Step[] = [
			{ at: 0, status: 'created' },
			{ at: 1000, status: 'started' },
			{ at: 11_000, status: 'progress', progress: 10 },
			{ at: 12_000, status: 'progress', progress: 90 },
			{ at: 13_000, status: 'completed', progress: 100 },
		];
		const times = reads(steps);
		// the pace at 15 s says 100 s; the halfway read sees 90 % and aims at the real end
		expect(times.at(-1)!).toBeLessThan(60_000);
	});

	it('never reads twice within the minimum gap', () => {
		for (const duration of [1000, 2000, 7000, 30_000]) {
			const times = reads(simulatorSteps(duration));
			const gaps = times.slice(1).map((t, i) => t - times[i]);
			expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_READ_GAP_MS);
		}
	});
});

describe("ReadSchedule with the run's pacing model: jobs read where the finished ones say they end", () => {
	it('once a job of the run finished, each next job is read twice: at a share of the typical duration, and just after its own end', () => {
		const batch = new BatchPace(3);
		reads(simulatorSteps(2000), 5000, { batch });
		for (const duration of [1400, 2000, 2600]) {
			const times = reads(simulatorSteps(duration), 5000, { batch });
			expect(times).toHaveLength(2);
			expect(times[1]).toBeGreaterThanOrEqual(duration);
			expect(times[1] - duration).toBeLessThan(50);
		}
	});

	it('one step seen is enough: a job whose early reads show a single step is not left to the next Poll Interval', () => {
		const batch = new BatchPace(3);
		reads(simulatorSteps(2000), 5000, { batch });
		// the first read sees 'started', the next would come only at the tick without the learnt share
		const steps = simulatorSteps(2600);
		const times = reads(steps, 5000, { batch });
		expect(times.at(-1)! - 2600).toBeLessThan(50);
	});

	it("a job whose reads show no pace is read at the run's typical end and quickly after it, not at the next Poll Interval", () => {
		const batch = new BatchPace(3);
		// the run's finished job was seen final at its first read: a duration, no steps
		batch.durations.learn({ durationMs: 2000, reachedAt: new Map() });
		const steps: Step[] = [
			{ at: 0, status: 'created' },
			{ at: 100, status: 'started' },
			{ at: 2300, status: 'completed', progress: 100 },
		];
		const times = reads(steps, 5000, { batch });
		expect(times.at(-1)!).toBeLessThan(3000);
		expect(times.length).toBeLessThanOrEqual(6);
	});

	it("a job seen only 'started' is not predicted from the learnt share: how long a job waits to start varies", () => {
		const batch = new BatchPace(3);
		reads(simulatorSteps(2000), 5000, { batch });
		const pace = new JobPace(batch.clock, batch.durations);
		const waitedLonger = simulatorSteps(2000).map((step) =>
			step.status === 'created' ? step : { ...step, at: step.at + 3000 },
		);
		pace.observe(jobAt(waitedLonger, 3500), 3503);
		expect(pace.predictedEnd()).toBeUndefined();
		pace.observe(jobAt(waitedLonger, 3900), 3903); // 25 %: one step past 'started' predicts
		expect(pace.predictedEnd()).toBeDefined();
	});

	it('before any job of the run finished, the early reads apply; a finished one teaches its duration', () => {
		const batch = new BatchPace(3);
		expect(batch.durations.typicalMs()).toBeUndefined();
		const times = reads(simulatorSteps(2000), 5000, { batch });
		expect(times.slice(0, 2)).toEqual([500, 1000]);
		expect(batch.durations.typicalMs()).toBe(2000);
	});
});

describe('JobPace', () => {
	it('predicts nothing from one step', () => {
		const pace = new JobPace();
		pace.observe(jobAt(simulatorSteps(2000), 500), 500);
		expect(pace.predictedEnd()).toBeUndefined();
	});

	it('maps the server clock by the tightest seen-after-updated bound', () => {
		const steps = simulatorSteps(10_000);
		const pace = new JobPace();
		// the 'started' step is seen 1800 ms late, the 25 % step 5 ms late: the end is the real one
		pace.observe(jobAt(steps, 2000), 3800);
		pace.observe(jobAt(steps, 4000), 4005);
		expect(pace.predictedEnd()).toBeCloseTo(10_005, -1);
	});
});
