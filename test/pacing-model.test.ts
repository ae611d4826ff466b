import { LearntDurations } from '../nodes/Midjourney/engine/waiting/learntDurations';
import { SlotPace } from '../nodes/Midjourney/engine/waiting/slotPace';

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
