'use strict';
// Webhooks: the Job object (as GET /v1/jobs/{jobId} returns it at that moment) POSTed as JSON to
// the job's webhook_url. webhook_type `progress` = every status transition (pending -> in_progress,
// -> final); `result` (the default) = only the final one (completed, failed or cancelled).
// Deliveries of one job are sequential and in order; each attempt is recorded in sim.callbacks.
const { deliverCallback } = require('../simulator/callback-delivery');

const FINAL = new Set(['completed', 'failed', 'cancelled']);

function wants(type, status) {
	return type === 'progress' || FINAL.has(status);
}

/** Queues the delivery of `job` (snapshotted now) if its webhook settings ask for `status`. */
function notifyWebhook(sim, job, meta) {
	if (!meta.webhookUrl || !wants(meta.webhookType, job.status)) return;
	const body = JSON.stringify(job);
	const generation = sim.generation;
	meta.webhookChain = meta.webhookChain.then(() =>
		deliverCallback(sim, {
			url: meta.webhookUrl,
			body,
			record: { jobId: job.id },
			jobStatus: job.status,
			generation,
			userAgent: 'midjourney-v1-simulator-webhook',
		}),
	);
}

module.exports = { notifyWebhook, FINAL };
