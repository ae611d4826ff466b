'use strict';
// Request log records. The API token never enters a record: the Authorization header is not
// read here, and any string containing a known API token is scrubbed; `discord` values are
// redacted the way the API redacts them.
const { redactToken } = require('./util');

function scrub(value, secrets) {
	if (typeof value === 'string') {
		let s = value;
		for (const secret of secrets)
			if (secret && s.includes(secret)) s = s.split(secret).join('[REDACTED]');
		return s;
	}
	if (Array.isArray(value)) return value.map((v) => scrub(v, secrets));
	if (value && typeof value === 'object') {
		const out = {};
		for (const [k, v] of Object.entries(value)) {
			out[k] = k === 'discord' && typeof v === 'string' ? redactToken(v) : scrub(v, secrets);
		}
		return out;
	}
	return value;
}

class RequestLog {
	constructor(sim) {
		this.sim = sim;
		this.seq = 0;
	}

	/** Pushes the record for an arriving request and returns it (updated as the request completes). */
	open(method, path, query) {
		const record = {
			seq: ++this.seq,
			t: this.sim.elapsedMs(),
			method,
			path: scrub(path, this.sim.secrets()),
			query: scrub(query, this.sim.secrets()),
			status: null,
			body: undefined,
			stream: false,
			sseEvents: 0,
			disconnectedEarly: false,
			jobid: undefined,
		};
		this.sim.log.push(record);
		return record;
	}

	setBody(record, body) {
		record.body = scrub(body, this.sim.secrets());
	}

	reset() {
		this.seq = 0;
	}
}

module.exports = { RequestLog, scrub };
