'use strict';
// replyUrl callbacks: "API will call the provided replyUrl once job completed or failed" — the job
// JSON is POSTed once the job reaches a final status (completed, failed, moderated). Each attempt
// is recorded in sim.callbacks; callbackRetries extra attempts follow a non-2xx or a connection
// error, callbackRetryDelayMs apart.
const { deliverCallback } = require('../simulator/callback-delivery');

function notifyReplyUrl(sim, job) {
	if (!job.replyUrl) return;
	const meta = sim.meta.get(job.jobid);
	const body = JSON.stringify(job);
	const generation = sim.generation;
	meta.callbackChain = meta.callbackChain.then(() =>
		deliverCallback(sim, {
			url: job.replyUrl,
			body,
			record: { jobid: job.jobid },
			jobStatus: job.status,
			generation,
			userAgent: 'useapi-v2-simulator-callback',
		}),
	);
}

module.exports = { notifyReplyUrl };
