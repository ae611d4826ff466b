'use strict';
// replyUrl callbacks: "API will call the provided replyUrl once job completed or failed" — the job
// JSON is POSTed once the job reaches a final status (completed, failed, moderated). Each attempt
// is recorded in sim.callbacks; callbackRetries extra attempts follow a non-2xx or a connection
// error, callbackRetryDelayMs apart.
const http = require('node:http');
const https = require('node:https');

function notifyReplyUrl(sim, job) {
	if (!job.replyUrl) return;
	const meta = sim.meta.get(job.jobid);
	const body = JSON.stringify(job);
	const generation = sim.generation;
	meta.callbackChain = meta.callbackChain.then(() =>
		deliver(sim, job.replyUrl, body, job.jobid, job.status, generation),
	);
}

async function deliver(sim, url, body, jobid, jobStatus, generation) {
	const retries = sim.faults.callbackRetries;
	const gone = () => sim.closed || sim.generation !== generation;
	for (let attempt = 1; attempt <= retries + 1; attempt++) {
		if (gone()) return;
		const status = await post(sim, url, body);
		if (gone()) return;
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

/** Resolves with the receiver's HTTP status, or 'error' (refused, timeout, bad URL). */
function post(sim, url, body) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			return resolve('error');
		}
		const client = target.protocol === 'https:' ? https : http;
		let req;
		const done = (status) => {
			sim.outgoing.delete(req);
			resolve(status);
		};
		req = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'useapi-v2-simulator-callback',
				},
				timeout: 10000,
			},
			(res) => {
				res.resume();
				res.on('end', () => done(res.statusCode));
				res.on('error', () => done(res.statusCode));
			},
		);
		sim.outgoing.add(req);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => done('error'));
		req.end(body);
	});
}

module.exports = { notifyReplyUrl };
