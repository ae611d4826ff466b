'use strict';
// Webhooks: the Job object (as GET /v1/jobs/{jobId} returns it at that moment) POSTed as JSON to
// the job's webhook_url. webhook_type `progress` = every status transition (pending -> in_progress,
// -> final); `result` (the default) = only the final one (completed, failed or cancelled).
// Deliveries of one job are sequential and in order; each attempt is recorded in sim.callbacks.
const http = require('node:http');
const https = require('node:https');

const FINAL = new Set(['completed', 'failed', 'cancelled']);
const TIMEOUT_MS = 10000;

function wants(type, status) {
	return type === 'progress' || FINAL.has(status);
}

/** Queues the delivery of `job` (snapshotted now) if its webhook settings ask for `status`. */
function notifyWebhook(sim, job, meta) {
	if (!meta.webhookUrl || !wants(meta.webhookType, job.status)) return;
	const body = JSON.stringify(job);
	const generation = sim.generation;
	meta.webhookChain = meta.webhookChain.then(() =>
		deliver(sim, meta.webhookUrl, body, job.id, job.status, generation),
	);
}

async function deliver(sim, url, body, jobId, jobStatus, generation) {
	const stale = () => sim.closed || sim.generation !== generation;
	const retries = sim.faults.callbackRetries;
	for (let attempt = 1; attempt <= retries + 1; attempt++) {
		if (stale()) return;
		const status = await post(sim, url, body);
		if (stale()) return;
		sim.callbacks.push({
			url,
			status,
			body: JSON.parse(body),
			t: sim.elapsedMs(),
			jobId,
			jobStatus,
			attempt,
		});
		if (typeof status === 'number' && status >= 200 && status < 300) return;
		if (attempt <= retries) await sim.sleep(sim.faults.callbackRetryDelayMs);
	}
}

/** Resolves with the receiver's HTTP status, or 'error' (refused, reset, timeout). */
function post(sim, url, body) {
	return new Promise((resolve) => {
		const target = new URL(url); // validated as an http(s) URL on submit
		const client = target.protocol === 'https:' ? https : http;
		const req = client.request(target, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(body),
				'user-agent': 'midjourney-v1-simulator-webhook',
			},
			timeout: TIMEOUT_MS,
		});
		const done = (status) => {
			sim.outgoing.delete(req);
			resolve(status);
		};
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => done(res.statusCode));
			res.on('error', () => done(res.statusCode));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => done('error'));
		sim.outgoing.add(req);
		req.end(body);
	});
}

module.exports = { notifyWebhook, FINAL };
