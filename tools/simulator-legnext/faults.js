'use strict';
// Fault knobs (sim.setFaults): defaults, validation/merging, and the "take" helpers that consume
// one-shot faults as requests arrive (takeCount / takeNext are the /v1 simulator's). setFaults
// throws a plain Error on an unknown knob or value.
const { takeCount, takeNext } = require('../simulator-v1/faults');

function defaultFaults() {
	return {
		force429: 0, // the next N valid submits answer 429 (request-rate limit)
		rate429: 0, // probability 0-1 that a valid submit answers 429
		submitErrors: [], // the next valid submits answer these statuses (no task is created)
		rate5xx: 0, // probability 0-1 that a valid submit answers 503 (no task is created)
		readErrors: [], // the next GET /api/v1/job/{id} answer these statuses, or 'reset' the socket
		submitAnswers: [], // the next accepted submits: 'hang' (no answer), 'cut' (half, then closed)
		latencyMs: 0, // added before answering every API request (not the CDN)
		trickleMs: 0, // API and CDN bodies are sent 64 bytes at a time, trickleMs apart
		failJobs: 0, // the next N created tasks end failed (error.code 500)
		cdnErrors: [], // the next CDN downloads answer these statuses
		callbackRetries: 0, // extra callback attempts after a non-2xx / network error
		callbackRetryDelayMs: 200,
		duplicateCallbacks: 0, // the next N callback deliveries are sent twice
	};
}

const COUNTS = [
	'force429',
	'latencyMs',
	'trickleMs',
	'failJobs',
	'callbackRetries',
	'callbackRetryDelayMs',
	'duplicateCallbacks',
];
const RATES = ['rate429', 'rate5xx'];
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isErrorStatus = (v) => Number.isInteger(v) && v >= 400 && v <= 599;
const LISTS = {
	submitErrors: [isErrorStatus, 'HTTP statuses 400-599'],
	cdnErrors: [isErrorStatus, 'HTTP statuses 400-599'],
	readErrors: [(v) => v === 'reset' || isErrorStatus(v), "HTTP statuses 400-599 or 'reset'"],
	submitAnswers: [(v) => v === 'hang' || v === 'cut', "'hang' or 'cut'"],
};

function checked(key, value) {
	if (COUNTS.includes(key) && !isCount(value))
		throw new Error(`${key} must be a non-negative integer`);
	if (RATES.includes(key) && !(typeof value === 'number' && value >= 0 && value <= 1))
		throw new Error(`${key} must be a number between 0 and 1`);
	if (LISTS[key]) {
		if (!Array.isArray(value) || !value.every(LISTS[key][0]))
			throw new Error(`${key} must be an array of ${LISTS[key][1]}`);
		return [...value];
	}
	return value;
}

/** Validates all of `patch`, then merges it into `faults`; null/undefined restores a default. */
function mergeFaults(faults, patch) {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
		throw new Error('setFaults expects an object');
	const defaults = defaultFaults();
	const unknown = Object.keys(patch).find((key) => !(key in defaults));
	if (unknown)
		throw new Error(`Unknown fault knob ${unknown} (known: ${Object.keys(defaults).join(', ')})`);
	const next = Object.entries(patch).map(([key, value]) => [
		key,
		value === null || value === undefined ? defaults[key] : checked(key, value),
	]);
	return Object.assign(faults, Object.fromEntries(next));
}

/** True with probability faults[key] (rate429, rate5xx). */
const takeChance = (faults, key) => faults[key] > 0 && Math.random() < faults[key];

module.exports = { defaultFaults, mergeFaults, takeCount, takeNext, takeChance };
