'use strict';
// Fault knobs: defaults, validation/merging (setFaults, POST /__sim/faults) and the
// "take" helpers that consume one-shot faults (counters, queues) as requests arrive.
const { badRequest } = require('./http-util');

function defaultFaults() {
	return {
		sseChunking: 'whole', // 'whole' | 'random' | 'bytes'
		sseLineEnding: 'lf', // 'lf' | 'crlf' | 'cr'
		sseComments: false,
		sseBom: false,
		sseGarbage: false,
		ssePadBytes: 0,
		dropAfterEvents: null, // { after, count }
		submitErrors: [], // [503, 502, { status: 502, created: true }, ...]
		// Every submit (after the submitErrors queue) fails with `status` at `rate`, drawn from a
		// seeded generator so a run is repeatable: { status: 503, rate: 0.4, seed: 1 }.
		submitErrorRate: null,
		force429: 0,
		latencyMs: 0,
		latencySpikes: null, // { ms, count }
		cdn403: 0,
		proxy403: 0,
		cdnRequireUserAgent: false,
		callbackRetries: 0,
		callbackRetryDelayMs: 200,
		// The next accepted submits misbehave after creating their job: 'hang' (no answer at
		// all), 'stall' (a 201 JSON body that stops half-way), 'cut' (half the body, then the
		// connection closes).
		submitAnswers: [],
		readHangs: 0, // the next N GET /jobs/{jobid} never answer
		readErrors: [], // the next GET /jobs/{jobid} answer these statuses, or 'reset' the connection
		listErrors: [], // the next GET /jobs (list running) answer these statuses, or 'reset' the connection
	};
}

const ENUMS = {
	sseChunking: ['whole', 'random', 'bytes'],
	sseLineEnding: ['lf', 'crlf', 'cr'],
};
const BOOLEANS = ['sseComments', 'sseBom', 'sseGarbage', 'cdnRequireUserAgent'];
const COUNTS = [
	'ssePadBytes',
	'force429',
	'latencyMs',
	'cdn403',
	'proxy403',
	'callbackRetries',
	'callbackRetryDelayMs',
	'readHangs',
];
const SUBMIT_ANSWERS = ['hang', 'stall', 'cut'];

function isCount(v) {
	return Number.isInteger(v) && v >= 0;
}

/** Validates a patch and merges it into `faults` (in place). Throws a 400 ApiError on a bad knob. */
function mergeFaults(faults, patch) {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch))
		throw badRequest('faults must be an object');
	const defaults = defaultFaults();
	for (const [key, value] of Object.entries(patch)) {
		if (!(key in defaults)) throw badRequest(`Unknown fault knob ${key}`);
		if (value === null || value === undefined) {
			faults[key] = defaults[key];
		} else if (ENUMS[key]) {
			if (!ENUMS[key].includes(value))
				throw badRequest(`${key} must be one of ${ENUMS[key].join(', ')}`);
			faults[key] = value;
		} else if (BOOLEANS.includes(key)) {
			faults[key] = Boolean(value);
		} else if (COUNTS.includes(key)) {
			if (!isCount(value)) throw badRequest(`${key} must be a non-negative integer`);
			faults[key] = value;
		} else if (key === 'dropAfterEvents') {
			if (!isCount(value.after) || value.after < 1)
				throw badRequest('dropAfterEvents.after must be an integer >= 1');
			const count = value.count === undefined ? 1 : value.count;
			if (!isCount(count)) throw badRequest('dropAfterEvents.count must be a non-negative integer');
			faults[key] = { after: value.after, count };
		} else if (key === 'latencySpikes') {
			if (!isCount(value.ms) || !isCount(value.count ?? 1))
				throw badRequest('latencySpikes must be { ms, count }');
			faults[key] = { ms: value.ms, count: value.count ?? 1 };
		} else if (key === 'submitAnswers') {
			if (!Array.isArray(value) || !value.every((a) => SUBMIT_ANSWERS.includes(a)))
				throw badRequest(`submitAnswers must be an array of ${SUBMIT_ANSWERS.join(', ')}`);
			faults[key] = [...value];
		} else if (key === 'readErrors' || key === 'listErrors') {
			if (!Array.isArray(value) || !value.every((v) => v === 'reset' || (Number.isInteger(v) && v >= 400)))
				throw badRequest(`${key} must be an array of HTTP statuses >= 400 or 'reset'`);
			faults[key] = [...value];
		} else if (key === 'submitErrorRate') {
			const { status, rate, seed = 1 } = value;
			if (!Number.isInteger(status) || typeof rate !== 'number' || rate < 0 || rate > 1 || !isCount(seed))
				throw badRequest('submitErrorRate must be { status, rate (0..1), seed? }');
			faults[key] = { status, rate, seed, draws: 0 };
		} else if (key === 'submitErrors') {
			if (!Array.isArray(value)) throw badRequest('submitErrors must be an array');
			faults[key] = value.map(normalizeSubmitError);
		}
	}
	return faults;
}

function normalizeSubmitError(entry) {
	const e = typeof entry === 'number' ? { status: entry } : { ...entry };
	if (!Number.isInteger(e.status) || e.status < 100 || e.status > 599)
		throw badRequest('submitErrors entries need an HTTP status');
	e.created = Boolean(e.created);
	return e;
}

/** Latency to add before answering this request (consumes one spike). */
function takeLatency(faults) {
	let ms = faults.latencyMs || 0;
	const spikes = faults.latencySpikes;
	if (spikes && spikes.count > 0) {
		ms += spikes.ms;
		spikes.count--;
	}
	return ms;
}

/** Decrements a numeric one-shot counter (force429, cdn403, proxy403); true when it fired. */
function takeCount(faults, key) {
	if (faults[key] > 0) {
		faults[key]--;
		return true;
	}
	return false;
}

/** The n-th number of a small seeded generator (mulberry32), in [0, 1). */
function seededDraw(seed, n) {
	let t = (seed + n * 0x6d2b79f5) >>> 0;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function takeSubmitError(faults) {
	if (faults.submitErrors.length) return faults.submitErrors.shift();
	const rated = faults.submitErrorRate;
	if (!rated) return null;
	rated.draws++;
	return seededDraw(rated.seed, rated.draws) < rated.rate
		? { status: rated.status, created: false }
		: null;
}

function takeReadError(faults, queue = 'readErrors') {
	return faults[queue].length ? faults[queue].shift() : null;
}

function takeSubmitAnswer(faults) {
	return faults.submitAnswers.length ? faults.submitAnswers.shift() : null;
}

/** Number of events after which this new stream must be dropped, or null. */
function takeDrop(faults) {
	const d = faults.dropAfterEvents;
	if (!d || d.count <= 0) return null;
	d.count--;
	return d.after;
}

module.exports = {
	defaultFaults,
	mergeFaults,
	takeLatency,
	takeCount,
	takeSubmitError,
	takeSubmitAnswer,
	takeReadError,
	takeDrop,
};
