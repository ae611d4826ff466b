'use strict';
// Webhook callbacks: the job JSON POSTed (application/json) to replyUrl at each status change
// allowed by replyLevel. Deliveries of one job are sequential, in order, with optional retries.
const http = require('node:http');
const https = require('node:https');

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
		deliver(sim, meta.replyUrl, body, job.jobid, status, generation),
	);
}

async function deliver(sim, url, body, jobid, jobStatus, generation) {
	const retries = sim.faults.callbackRetries;
	for (let attempt = 1; attempt <= retries + 1; attempt++) {
		if (sim.closed || sim.generation !== generation) return;
		const status = await post(sim, url, body);
		if (sim.closed || sim.generation !== generation) return;
		sim.callbacks.push({
			url,
			status,
			body: JSON.parse(body),
			t: sim.elapsedMs(),
			jobid,
			jobStatus,
			attempt,
		});
		sim.counters.callbacks++;
		if (typeof status === 'number' && status >= 200 && status < 300) return;
		if (attempt <= retries) await sim.sleep(sim.faults.callbackRetryDelayMs);
	}
}

/** Resolves with the receiver's HTTP status, or 'error' (connection refused, timeout, bad URL). */
function post(sim, url, body) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			return resolve('error');
		}
		const client = target.protocol === 'https:' ? https : http;
		const req = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'useapi-simulator-webhook',
				},
				timeout: 10000,
			},
			(res) => {
				res.resume();
				res.on('end', () => done(res.statusCode));
				res.on('error', () => done(res.statusCode));
			},
		);
		const done = (status) => {
			sim.outgoing.delete(req);
			resolve(status);
		};
		sim.outgoing.add(req);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => done('error'));
		req.end(body);
	});
}

module.exports = { notifyWebhook, REPLY_LEVELS: Object.keys(LEVELS) };
