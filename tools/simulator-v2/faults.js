'use strict';
// Fault knobs: defaults, validation/merging (sim.setFaults) and the "take" helpers that consume
// one-shot faults as requests arrive. An unknown knob or a bad value throws.

function defaultFaults() {
	return {
		force429: 0, // the next N accepted submits answer the Discord-429 form of the documented 429
		submitErrors: [], // the next valid submits answer these: [503, { status: 500, body: {...} }]
		readErrors: [], // the next job reads answer these statuses, or 'reset' the connection
		latencyMs: 0, // added before answering every /v2 request
		hang: 0, // the next N submits create their job but never answer
		callbackRetries: 0, // extra replyUrl attempts after a non-2xx / connection error
		callbackRetryDelayMs: 200,
	};
}

const COUNTS = ['force429', 'latencyMs', 'hang', 'callbackRetries', 'callbackRetryDelayMs'];
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isStatus = (v) => Number.isInteger(v) && v >= 400 && v <= 599;

function normalizeSubmitError(entry) {
	const e = typeof entry === 'number' ? { status: entry } : { ...entry };
	if (!isStatus(e.status)) throw new Error('submitErrors entries need an HTTP status 400-599');
	if (e.body !== undefined && (!e.body || typeof e.body !== 'object'))
		throw new Error('submitErrors[].body must be a JSON object');
	return e;
}

/** Validates `patch` and merges it into `faults` in place; null/undefined restores a default. */
function mergeFaults(faults, patch) {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch))
		throw new Error('faults must be an object');
	const defaults = defaultFaults();
	const next = {};
	for (const [key, value] of Object.entries(patch)) {
		if (!(key in defaults)) throw new Error(`Unknown fault knob ${key}`);
		if (value === null || value === undefined) next[key] = defaults[key];
		else if (COUNTS.includes(key)) {
			if (!isCount(value)) throw new Error(`${key} must be a non-negative integer`);
			next[key] = value;
		} else if (key === 'submitErrors') {
			if (!Array.isArray(value)) throw new Error('submitErrors must be an array');
			next[key] = value.map(normalizeSubmitError);
		} else if (key === 'readErrors') {
			if (!Array.isArray(value) || !value.every((v) => v === 'reset' || isStatus(v)))
				throw new Error("readErrors must be an array of HTTP statuses 400-599 or 'reset'");
			next[key] = [...value];
		}
	}
	return Object.assign(faults, next); // all-or-nothing: nothing applied when a knob is bad
}

/** Decrements a counter knob (force429, hang); true when it fired. */
function takeCount(faults, key) {
	if (faults[key] > 0) {
		faults[key]--;
		return true;
	}
	return false;
}

const takeSubmitError = (faults) => faults.submitErrors.shift() ?? null;
const takeReadError = (faults) => faults.readErrors.shift() ?? null;

module.exports = { defaultFaults, mergeFaults, takeCount, takeSubmitError, takeReadError };
