'use strict';
// Webhook callbacks: the job JSON POSTed (application/json) to replyUrl at each status change
// allowed by replyLevel. Deliveries of one job are sequential, in order, with optional retries.
const { deliverCallback } = require('./callback-delivery');

const FINAL = new Set(['completed', 'failed', 'moderated']);
const LEVELS = {
	all: () => true,
	standard: (status) => status === 'created' || FINAL.has(status),
	minimal: (status) => FINAL.has(status),
};

function notifyWebhook(sim, job, meta, status) {
	if (!meta.replyUrl || !LEVELS[meta.replyLevel || 'all'](status)) return;
	const body = JSON.stringify(job);
	const generation = sim.generation;
	meta.webhookChain = meta.webhookChain.then(() =>
		deliverCallback(sim, {
			url: meta.replyUrl,
			body,
			record: { jobid: job.jobid },
			jobStatus: status,
			generation,
			userAgent: 'useapi-simulator-webhook',
		}),
	);
}

module.exports = { notifyWebhook, REPLY_LEVELS: Object.keys(LEVELS) };
