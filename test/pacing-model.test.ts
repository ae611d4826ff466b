import { LearntDurations } from '../nodes/Midjourney/engine/waiting/learntDurations';
import { ServerClock } from '../nodes/Midjourney/engine/waiting/serverClock';
import { SlotPace } from '../nodes/Midjourney/engine/waiting/slotPace';
import { WatchPace } from '../nodes/Midjourney/engine/waiting/watchPace';

const forever = () => 60_000;

describe('SlotPace: the capacity a 429 reveals', () => {
	it('a 429 with two of the run’s jobs running cuts the capacity to 2 and waits for one of them to end', async () => {
		const pace = new SlotPace(3);
		const [first, second, third] = await Promise.all([
			pace.take(forever),
			pace.take(forever),
			pace.take(forever),
		]);
		let resubmit = false;
		const waiting = third.busy(forever).then((free) => (resubmit = free));
		await Promise.resolve();
		expect(pace.capacity).toBe(2);
		expect(resubmit).toBe(false);
		first.free(true);
		expect(await waiting).toBe(true);
		second.free(true);
		third.free(true);
	});

	it('a 429 with none of the run’s jobs running is not its to wait out (the Busy Retry pause applies)', async () => {
		const pace = new SlotPace(3);
		const only = await pace.take(forever);
		expect(await only.busy(forever)).toBe(false);
		expect(pace.capacity).toBe(3);
	});

	it('a new item waits while the learnt capacity is taken, and grows back after a round of ends without a 429', async () => {
		const pace = new SlotPace(3);
		const slots = await Promise.all([pace.take(forever), pace.take(forever), pace.take(forever)]);
		const parked = slots[2].busy(forever);
		let fourthTaken = false;
		const fourth = pace.take(forever).then((slot) => {
			fourthTaken = true;
			return slot;
		});
		await Promise.resolve();
		expect(fourthTaken).toBe(false);
		slots[0].free(true); // one end: the parked item takes the slot
		expect(await parked).toBe(true);
		expect(fourthTaken).toBe(false);
		slots[1].free(true); // second end of the round: capacity 3 again, the fourth goes
		expect(pace.capacity).toBe(3);
		(await fourth).free(true);
		slots[2].free(true);
	});

	it('the wait ends with the time left: the slot is taken anyway and the API answers', async () => {
		const pace = new SlotPace(1);
		const held = await pace.take(forever);
		const late = await pace.take(() => 0);
		expect(late).toBeDefined();
		held.free(false);
		late.free(false);
	});
});

describe('LearntDurations: how long the run’s jobs take', () => {
	it('the typical duration is the median of the finished jobs', () => {
		const learnt = new LearntDurations();
		expect(learnt.typicalMs()).toBeUndefined();
		for (const durationMs of [1800, 2600, 2000]) learnt.learn({ durationMs, reachedAt: new Map() });
		expect(learnt.typicalMs()).toBe(2000);
	});

	it('a step not seen on a finished job is placed between the nearest steps learnt (100 % at the end)', () => {
		const learnt = new LearntDurations();
		learnt.learn({
			durationMs: 2000,
			reachedAt: new Map([
				[0, 0.2],
				[25, 0.4],
			]),
		});
		expect(learnt.shareAt(25)).toBeCloseTo(0.4);
		expect(learnt.shareAt(50)).toBeCloseTo(0.6);
		expect(learnt.shareAt(75)).toBeCloseTo(0.8);
		expect(learnt.shareAt(-5)).toBeUndefined();
	});
});

describe('WatchPace: when a run waiting for a shared channel reads it again', () => {
	// The API's clock equals ours here: a job listed by a reading answered the moment it was created.
	const T = 1_000_000;
	const job = (jobid: string, createdMs: number, jobType = 'image') => ({
		jobid,
		jobType,
		createdMs,
	});
	function watching(): WatchPace {
		const clock = new ServerClock();
		clock.observe(T, T);
		return new WatchPace(clock);
	}

	it('knowing nothing of the durations, it reads a watch period (0.7–1.3 s) after the last answer', () => {
		const pace = watching();
		pace.observe([job('other', T)], T + 100, T + 100);
		expect(pace.nextReadAt(T + 100, 0)).toBe(T + 100 + 700);
		expect(pace.nextReadAt(T + 100, 0.999)).toBeCloseTo(T + 100 + 1299.4);
	});

	it('with its own jobs taking 3 s, it reads just after the earliest expected end of a listed job, not a watch period later', () => {
		const pace = watching();
		pace.observe([job('a', T), job('b', T + 2500)], T + 2600, T + 2600);
		// a ends at T + 3000: read 40 ms (2 % of 3 s, at most 40 ms) after it
		expect(pace.nextReadAt(T + 2600, 0.5, { jobType: 'image', typicalMs: 3000 })).toBe(T + 3040);
	});

	it('learns how long jobs take from one it saw listed and then gone', () => {
		const pace = watching();
		pace.observe([job('a', T)], T + 1000, T + 1000);
		pace.observe([job('a', T)], T + 2000, T + 2000);
		pace.observe([job('b', T + 1500)], T + 3000, T + 3000);
		// a ended between the readings at T + 2000 and T + 3000: about 2.5 s, so b ends at T + 4000
		expect(pace.nextReadAt(T + 3000, 0.999)).toBe(T + 1500 + 2500 + 40);
	});

	it('a job past its expected end is read again in short steps (5 % of its duration, ≥ 150 ms)…', () => {
		const pace = watching();
		pace.observe([job('a', T)], T + 3100, T + 3100);
		const own = { jobType: 'image', typicalMs: 3000 };
		expect(pace.nextReadAt(T + 3100, 0.5, own)).toBe(T + 3100 + 150);
	});

	it('…in steps of 5 % of a longer job’s duration', () => {
		const pace = watching();
		pace.observe([job('a', T - 7000)], T + 3100, T + 3100);
		expect(pace.nextReadAt(T + 3100, 0.5, { jobType: 'image', typicalMs: 10_000 })).toBe(T + 3600);
	});

	it('…for 30 % of its duration; a job later than that is left to the watch period', () => {
		const pace = watching();
		pace.observe([job('a', T)], T + 4000, T + 4000);
		expect(pace.nextReadAt(T + 4000, 0, { jobType: 'image', typicalMs: 3000 })).toBe(T + 4700);
	});

	it('a video job is timed by what video jobs take, not by the run’s image jobs', () => {
		const pace = watching();
		pace.observe([job('v', T, 'video')], T + 500, T + 500);
		expect(pace.nextReadAt(T + 500, 0, { jobType: 'image', typicalMs: 600 })).toBe(T + 1200);
	});
});
