'use strict';
// Secrets: the document says the `discord` value of a job "contains the first 3 and the last 3
// characters of the original value"; the log scrubs any known secret out of every string.

/** 'MTIabc...defxyz' -> 'MTI...xyz' */
function redactDiscord(token) {
	const s = String(token ?? '');
	if (s.length <= 6) return '...';
	return `${s.slice(0, 3)}...${s.slice(-3)}`;
}

/** Deep copy of `value` with `discord` fields redacted and every secret replaced by [REDACTED]. */
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
		for (const [k, v] of Object.entries(value))
			out[k] = k === 'discord' && typeof v === 'string' ? redactDiscord(v) : scrub(v, secrets);
		return out;
	}
	return value;
}

module.exports = { redactDiscord, scrub };
