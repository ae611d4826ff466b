'use strict';
// Delivering one job's callback, as every simulator here does: POST the job JSON to the URL,
// record each attempt in sim.callbacks, retry a failure `callbackRetries` times. A reset or a
// close of the simulator (its generation changes) drops what is still in flight.
const http = require('node:http');
const https = require('node:https');

const TIMEOUT_MS = 10000;

/**
 * `record` names the job in each sim.callbacks entry ({ jobid } or { jobId }, as the simulator's
 * README documents); `userAgent` tells the receiver which simulator called.
 */
async function deliverCallback(sim, { url, body, record, jobStatus, generation, userAgent }) {
	const retries = sim.faults.callbackRetries;
	const gone = () => sim.closed || sim.generation !== generation;
	for (let attempt = 1; attempt <= retries + 1; attempt++) {
		if (gone()) return;
		const status = await post(sim, url, body, userAgent);
		if (gone()) return;
		sim.callbacks.push({
			url,
			status,
			body: JSON.parse(body),
			t: sim.elapsedMs(),
			...record,
			jobStatus,
			attempt,
		});
		if (typeof sim.counters.callbacks === 'number') sim.counters.callbacks++;
		if (typeof status === 'number' && status >= 200 && status < 300) return;
		if (attempt <= retries) await sim.sleep(sim.faults.callbackRetryDelayMs);
	}
}

/** Resolves with the receiver's HTTP status, or 'error' (connection refused, timeout, bad URL). */
function post(sim, url, body, userAgent) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			return resolve('error');
		}
		const client = target.protocol === 'https:' ? https : http;
		const headers = {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(body),
			'user-agent': userAgent,
		};
		const req = client.request(target, { method: 'POST', headers, timeout: TIMEOUT_MS });
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

module.exports = { deliverCallback };
