import { LearntDurations } from './learntDurations';
import { ServerClock } from './serverClock';
import { SlotPace } from './slotPace';

/**
 * The pacing model of one node run whose jobs the node follows to their end (Poll, Stream),
 * shared by its items: what capacity is free (SlotPace: the batch's concurrency, cut by a 429
 * where the API reports none), when each job is expected to end (LearntDurations, on the API's
 * clock mapped to ours by ServerClock), and so which reads are worth making (ReadSchedule).
 * What an API reports itself (v3's channel load, a job's progress and `updated`) comes in
 * through the JobApi; this only learns from it. In memory for one execute() call: only an
 * optimisation, never what correctness rests on.
 */
export class BatchPace {
	readonly slots: SlotPace;

	readonly durations = new LearntDurations();

	readonly clock = new ServerClock();

	constructor(concurrency: number) {
		this.slots = new SlotPace(concurrency);
	}
}
