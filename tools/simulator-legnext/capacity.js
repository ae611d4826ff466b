'use strict';
// The account's concurrency (facts sheet §8: 6 for a standard account). A task holds a slot from
// its start until its final status. Beyond the limit the sheet's sources say both "429" and "extra
// tasks are queued automatically": `overLimit` '429' (the default, S7 and S8) refuses the submit,
// 'queue' accepts it and leaves it `pending` (FIFO) until a slot frees.
const { LegnextError } = require('./errors');
const { FINAL } = require('./task-model');

/** Tasks holding a slot now. */
function activeCount(sim) {
	let n = 0;
	for (const [id, meta] of sim.meta) if (meta.slot && !FINAL.has(sim.tasks.get(id).status)) n++;
	return n;
}

const retryAfter = (sim) =>
	sim.options.retryAfterSeconds == null
		? {}
		: { 'retry-after': String(sim.options.retryAfterSeconds) };

/** 'run' (a slot is free) or 'queue'; throws the 429 otherwise. */
function admission(sim) {
	if (activeCount(sim) < sim.config.concurrency) return 'run';
	if (sim.config.overLimit === 'queue') return 'queue';
	throw new LegnextError(
		429,
		`Concurrent task limit reached: ${sim.config.concurrency} tasks are running. Retry when one finishes.`,
		retryAfter(sim),
	);
}

/** The 429 of the force429 / rate429 faults (a request-rate limit). */
const rateLimited = (sim) =>
	new LegnextError(429, 'Too many requests. Please slow down and retry later.', retryAfter(sim));

module.exports = { activeCount, admission, rateLimited };
