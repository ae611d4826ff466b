'use strict';
// Small helpers shared by the simulator modules: ids, timestamps, redaction.
const crypto = require('node:crypto');

/** n random decimal digits (leading zeros allowed). */
function randomDigits(n) {
	let s = '';
	while (s.length < n) s += crypto.randomInt(0, 1e9).toString().padStart(9, '0');
	return s.slice(0, n);
}

/** A Discord-like snowflake: 19 digits, no leading zero. */
function snowflake() {
	return String(crypto.randomInt(1, 10)) + randomDigits(18);
}

/** "HH:MM:SS.mmm" (UTC), the `ts` of SSE events. */
function clockTime(date = new Date()) {
	return date.toISOString().slice(11, 23);
}

/** ISO timestamp strictly later than `previous` (so `updated` changes at every step). */
function laterIso(previous) {
	let ms = Date.now();
	if (previous) ms = Math.max(ms, Date.parse(previous) + 1);
	return new Date(ms).toISOString();
}

/** Discord tokens are shown as first 3 + '...' + last 3 characters, like the API does. */
function redactToken(token) {
	const s = String(token ?? '');
	if (s.length <= 6) return '...';
	return `${s.slice(0, 3)}...${s.slice(-3)}`;
}

/** "mm:ss" elapsed since an ISO timestamp (GET /jobs). */
function elapsed(sinceIso, now = Date.now()) {
	const sec = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
	const mm = Math.floor(sec / 60);
	return `${String(mm).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
}

function isHttpUrl(value) {
	try {
		const u = new URL(value);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

function safeDecode(s) {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

module.exports = {
	randomDigits,
	snowflake,
	clockTime,
	laterIso,
	redactToken,
	elapsed,
	isHttpUrl,
	safeDecode,
};
