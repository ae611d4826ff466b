'use strict';
// Fault knobs (sim.setFaults): defaults, validation/merging, and the "take" helpers that consume
// one-shot faults as requests arrive. setFaults throws a plain Error on an unknown knob or value.

function defaultFaults() {
	return {
		force429: 0, // the next N job submits answer 429 rate_limit_exceeded
		submitErrors: [], // the next job submits answer these statuses (no job is created)
		readErrors: [], // the next GET /v1/jobs/{jobId} answer these statuses, or 'reset' the socket
		latencyMs: 0, // added before answering every /v1 request
		hang: 0, // the next N accepted submits create their job but never answer
		failJobs: 0, // the next N created jobs end failed (any type; markers only reach imagine/blend/describe)
		callbackRetries: 0, // extra webhook attempts after a non-2xx / network error
		callbackRetryDelayMs: 200,
	};
}

const COUNTS = [
	'force429',
	'latencyMs',
	'hang',
	'failJobs',
	'callbackRetries',
	'callbackRetryDelayMs',
];
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isErrorStatus = (v) => Number.isInteger(v) && v >= 400 && v <= 599;

/** Validates `patch` and merges it into `faults` in place; null/undefined restores a default. */
function mergeFaults(faults, patch) {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch))
		throw new Error('setFaults expects an object');
	const defaults = defaultFaults();
	for (const key of Object.keys(patch))
		if (!(key in defaults))
			throw new Error(`Unknown fault knob ${key} (known: ${Object.keys(defaults).join(', ')})`);
	for (const [key, value] of Object.entries(patch)) {
		if (value === null || value === undefined) faults[key] = defaults[key];
		else if (COUNTS.includes(key)) {
			if (!isCount(value)) throw new Error(`${key} must be a non-negative integer`);
			faults[key] = value;
		} else if (key === 'submitErrors') {
			if (!Array.isArray(value) || !value.every(isErrorStatus))
				throw new Error('submitErrors must be an array of HTTP statuses 400-599');
			faults[key] = [...value];
		} else if (key === 'readErrors') {
			if (!Array.isArray(value) || !value.every((v) => v === 'reset' || isErrorStatus(v)))
				throw new Error("readErrors must be an array of HTTP statuses 400-599 or 'reset'");
			faults[key] = [...value];
		}
	}
	return faults;
}

/** Decrements a one-shot counter; true when it fired. */
function takeCount(faults, key) {
	if (faults[key] > 0) {
		faults[key]--;
		return true;
	}
	return false;
}

/** Shifts the next entry of a queue knob (submitErrors, readErrors), or null. */
function takeNext(faults, key) {
	return faults[key].length ? faults[key].shift() : null;
}

module.exports = { defaultFaults, mergeFaults, takeCount, takeNext };
