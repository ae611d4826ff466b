'use strict';
// Settings a test may change while the simulator runs (sim.configure; reset() keeps them), with
// their defaults. Most are the simulator's answers to the facts sheet's open questions (README).

const DEFAULT_CONFIG = {
	jobDurationMs: 1500, // created -> final (pending one slot; [[ms=N]] overrides)
	concurrency: 6, // tasks running at once (§8: 6 for a standard account)
	overLimit: '429', // beyond `concurrency`: '429' refuses, 'queue' waits pending
	stagedVisible: true, // pass through `staged` between pending and processing
	callbackStatuses: 'all', // 'all' status changes after the create answer, or 'final' only
	callbackTimestampUnit: 'ms', // callback `timestamp`: epoch 'ms' or 's'
	errorShape: 'task', // 'task' (captured 403 body) or 'envelope' ({ error: {...} }, S2)
	resultTtlMs: 3600000, // CDN URLs answer 404 this long after the task completed
	jobTtlMs: 259200000, // GET job answers 404 this long after creation (S8: ~3 days)
	jobReadNeedsKey: true, // GET job without a key: 401 (S1/S2), false: allowed (S8/S9)
	s2OnlyEndpoints: false, // upload-paint, retexture, remove-background, enhance, account/info,
	// account/active_tasks (S2 only, never observed): 404 unless true
	disabledFeatures: ['edit'], // task types answering 403 "whitelisted accounts" (captured for edit)
	upscaleExtraTypes: false, // upscale type 2 / 3 (S5 only) accepted
	upscaleImageUrls: 'null', // single-image output.image_urls: 'null', 'empty' ([]) or 'list' ([url])
};

const CHOICES = {
	overLimit: ['429', 'queue'],
	callbackStatuses: ['all', 'final'],
	callbackTimestampUnit: ['ms', 's'],
	errorShape: ['task', 'envelope'],
	upscaleImageUrls: ['null', 'empty', 'list'],
};
const BOOLEANS = ['stagedVisible', 'jobReadNeedsKey', 's2OnlyEndpoints', 'upscaleExtraTypes'];

function checkSetting(key, value) {
	if (!(key in DEFAULT_CONFIG)) throw new Error(`Unknown config key ${key}`);
	if (CHOICES[key] && !CHOICES[key].includes(value))
		throw new Error(`${key} must be one of ${CHOICES[key].join(', ')}`);
	if (BOOLEANS.includes(key) && typeof value !== 'boolean')
		throw new Error(`${key} must be true or false`);
	if (
		key === 'disabledFeatures' &&
		!(Array.isArray(value) && value.every((v) => typeof v === 'string'))
	)
		throw new Error('disabledFeatures must be an array of task types');
	if (typeof DEFAULT_CONFIG[key] === 'number' && !(Number.isInteger(value) && value >= 0))
		throw new Error(`${key} must be a non-negative integer`);
	return Array.isArray(value) ? [...value] : value;
}

/** Validates all of `patch` first, then applies it to `config`. */
function mergeConfig(config, patch) {
	const next = {};
	for (const [key, value] of Object.entries(patch || {})) next[key] = checkSetting(key, value);
	return Object.assign(config, next);
}

module.exports = { DEFAULT_CONFIG, mergeConfig };
