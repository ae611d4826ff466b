'use strict';
// Concurrency: at most `capacity` jobs run at once (hold a slot from their start until their final
// status). A new job beyond that is refused with 429 concurrency_limit_exceeded, except in relax
// mode, which the document says "queues the job": it is accepted and waits as `pending` (FIFO)
// until a slot frees.
const { V1Error } = require('./errors');
const { FINAL } = require('./webhooks');

/** Jobs holding a slot now. */
function runningCount(sim) {
	let n = 0;
	for (const [id, meta] of sim.meta) if (meta.slot && !FINAL.has(sim.jobs.get(id).status)) n++;
	return n;
}

/**
 * Decides how a new job starts: 'run' (a slot is free) or 'queue' (relax mode, no slot);
 * throws the 429 when neither.
 */
function admission(sim, processMode) {
	if (runningCount(sim) < sim.config.capacity) return 'run';
	if (processMode === 'relax') return 'queue';
	const headers = {};
	if (sim.options.retryAfterSeconds != null)
		headers['retry-after'] = String(sim.options.retryAfterSeconds);
	throw new V1Error(
		429,
		'concurrency_limit_exceeded',
		`Too many concurrent jobs: ${sim.config.capacity} are already running. Retry when one finishes, or use process_mode relax to queue.`,
		headers,
	);
}

/** The 429 of the force429 fault (the documented "Rate limit exceeded"). */
function rateLimited(sim) {
	const headers = {};
	if (sim.options.retryAfterSeconds != null)
		headers['retry-after'] = String(sim.options.retryAfterSeconds);
	return new V1Error(
		429,
		'rate_limit_exceeded',
		'Rate limit exceeded. Too many requests have been submitted in the current time window.',
		headers,
	);
}

module.exports = { runningCount, admission, rateLimited };
