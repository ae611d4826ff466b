'use strict';
// Request log records { seq, t, method, path, query, status, body, jobId } (+ hung / reset flags).
// The token never enters a record: the Authorization header is not read here and any string
// containing it is replaced by [REDACTED] (scrub() of the v3 simulator). Strings longer than
// 512 characters (base64 images) are kept as "<N chars>".
const { scrub } = require('../simulator/log');

const MAX_STRING = 512;

function shorten(value) {
	if (typeof value === 'string')
		return value.length > MAX_STRING ? `<${value.length} chars>` : value;
	if (Array.isArray(value)) return value.map(shorten);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
	return value;
}

class RequestLog {
	constructor(sim) {
		this.sim = sim;
		this.seq = 0;
	}

	/** Pushes the record of an arriving request; it is updated as the request completes. */
	open(method, path, query) {
		const secrets = [this.sim.token];
		const record = {
			seq: ++this.seq,
			t: this.sim.elapsedMs(),
			method,
			path: scrub(path, secrets),
			query: scrub(query, secrets),
			status: null,
			body: undefined,
			jobId: undefined,
		};
		this.sim.log.push(record);
		return record;
	}

	/** The body as sent: parsed JSON, or the raw text when it is not JSON. */
	setBody(record, raw) {
		let body = raw;
		try {
			body = JSON.parse(raw);
		} catch {}
		record.body = scrub(shorten(body), [this.sim.token]);
	}

	reset() {
		this.seq = 0;
	}
}

module.exports = { RequestLog };
