'use strict';
// Per-channel capacity: a channel runs at most `maxJobs` jobs (the request's, else the account's,
// else 3); the next submit gets the document's first 429 form listing the executing jobs.
const { ApiError } = require('./http-util');

/** jobids of the jobs still running (started/progress) on `channel`, oldest first. */
function runningOn(sim, channel) {
	const ids = [];
	for (const meta of sim.meta.values())
		if (meta.running && meta.channel === channel) ids.push(meta.jobid);
	return ids;
}

/** Throws the documented 429 when `channel` is full for this request's maxJobs. */
function checkCapacity(sim, channel, maxJobs) {
	const executingJobs = runningOn(sim, channel);
	if (executingJobs.length >= maxJobs)
		throw new ApiError(429, {
			error: `Maximum of ${maxJobs} jobs executing in parallel supported`,
			executingJobs,
		});
}

/** The document's second 429 form (force429 fault). */
function discord429() {
	return new ApiError(429, {
		error: 'Discord /interactions failed with HTTP status 429',
		errorDetails: JSON.stringify({
			global: true,
			message: 'You are being rate limited.',
			retry_after: 10,
		}),
	});
}

/** Records the peak of running jobs per channel (stats().maxConcurrent). */
function trackConcurrency(sim, channel) {
	const n = runningOn(sim, channel).length;
	sim.maxConcurrent[channel] = Math.max(sim.maxConcurrent[channel] || 0, n);
}

module.exports = { runningOn, checkCapacity, discord429, trackConcurrency };
