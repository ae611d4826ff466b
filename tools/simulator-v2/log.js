'use strict';
// sim.log records: { seq, t, method, path, query, status, body, jobid }. The Authorization header
// is never read into a record; API tokens and every Discord token the simulator has seen (the
// configured accounts' and any request's `discord`) are scrubbed from all strings, and `discord`
// fields are stored redacted (MTI...xyz).
const { scrub } = require('./redact');

class RequestLog {
	constructor(sim) {
		this.sim = sim;
		this.seq = 0;
		this.discordTokens = new Set(); // kept here only, never exposed
	}

	addDiscordToken(token) {
		if (typeof token === 'string' && token.length > 6) this.discordTokens.add(token);
	}

	secrets() {
		return [this.sim.token, ...this.sim.expiredTokens, ...this.discordTokens];
	}

	/** Pushes the record of an arriving request; it is completed as the request goes on. */
	open(method, path, query) {
		const record = {
			seq: ++this.seq,
			t: this.sim.elapsedMs(),
			method,
			path: scrub(path, this.secrets()),
			query: scrub(query, this.secrets()),
			status: null,
			body: undefined,
			jobid: undefined,
		};
		this.sim.log.push(record);
		return record;
	}

	/** Stores the parsed body (and re-scrubs path/query now that the body's token is known). */
	setBody(record, body) {
		this.addDiscordToken(body && body.discord);
		const secrets = this.secrets();
		record.path = scrub(record.path, secrets);
		record.query = scrub(record.query, secrets);
		record.body = scrub(body, secrets);
	}

	reset() {
		this.seq = 0;
	}
}

module.exports = { RequestLog };
