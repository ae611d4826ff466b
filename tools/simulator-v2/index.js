'use strict';
// useapi.net legacy Midjourney API v2 simulator (POST /v2/jobs/imagine, GET /v2/jobs/?jobid=):
// state, public API and startV2Simulator().
const { timerMethods, listen } = require('../simulator/lifecycle-kit');
const { createServer } = require('./server');
const { DEFAULT_ACCOUNTS, normalizeAccount } = require('./accounts');
const { defaultFaults, mergeFaults } = require('./faults');
const { runningOn } = require('./capacity');
const { MediaStore } = require('./media');
const { RequestLog } = require('./log');

const CONFIG_KEYS = ['jobDurationMs', 'progressSteps', 'imageBytes'];

const emptyCounters = () => ({
	submitted: 0,
	completed: 0,
	failed: 0,
	moderated: 0,
	callbacks: 0,
	responses: {},
});

class V2Simulator {
	constructor(options = {}) {
		this.options = {
			host: '127.0.0.1',
			port: 0,
			token: 'sim-v2-token',
			expiredTokens: [],
			jobDurationMs: 1500,
			progressSteps: 3,
			imageBytes: 0,
			accounts: DEFAULT_ACCOUNTS,
			...options,
		};
		this.token = this.options.token;
		this.expiredTokens = [...this.options.expiredTokens];
		this.requestLog = new RequestLog(this);
		for (const a of this.options.accounts) this.requestLog.addDiscordToken(a.discord);
		this.accounts = this.options.accounts.map(normalizeAccount); // discord already redacted
		this.config = {};
		this.configure(Object.fromEntries(CONFIG_KEYS.map((k) => [k, this.options[k]])));

		this.url = '';
		this.publicUrl = '';
		this.log = [];
		this.callbacks = [];
		this.jobs = new Map(); // jobid -> the job object GET returns
		this.meta = new Map(); // jobid -> internal state (channel, timer, running, ...)
		this.channels = new Map(); // channel -> account state (+ pending moderation error)
		this.faults = defaultFaults();
		this.media = new MediaStore(this);
		this.timers = new Set();
		this.outgoing = new Set(); // callback requests in flight
		this.hanging = new Set(); // responses held open by the `hang` fault
		this.generation = 0;
		this.closed = false;
		this.startedAt = Date.now();
		this.restoreState();
	}

	// ---- public API ----------------------------------------------------------------------

	/** Merges fault knobs (see README); throws on an unknown knob or a bad value. */
	setFaults(patch) {
		return mergeFaults(this.faults, patch);
	}

	/** Changes jobDurationMs / progressSteps / imageBytes for jobs created afterwards. */
	configure(patch) {
		for (const [key, value] of Object.entries(patch || {})) {
			if (!CONFIG_KEYS.includes(key)) throw new Error(`Unknown config key ${key}`);
			if (!Number.isInteger(value) || value < 0)
				throw new Error(`${key} must be a non-negative integer`);
			this.config[key] = value;
		}
		return this.config;
	}

	stats() {
		const running = {};
		for (const id of new Set([...this.channels.keys(), ...Object.keys(this.maxConcurrent)]))
			running[id] = runningOn(this, id).length;
		return {
			maxConcurrent: { ...this.maxConcurrent },
			running,
			...this.counters,
			responses: { ...this.counters.responses },
			jobs: this.jobs.size,
		};
	}

	/** Runs every running job to its end now (remaining steps at once, callbacks included). */
	finishRunningJobs() {
		for (const meta of this.meta.values()) if (meta.running) meta.finishNow?.();
	}

	/** Forgets jobs, log, callbacks, faults, counters and channel errors; keeps options/config. */
	reset() {
		this.generation++;
		for (const meta of this.meta.values()) this.clearTimer(meta.timer);
		for (const req of this.outgoing) req.destroy();
		for (const res of this.hanging) res.destroy();
		this.hanging.clear();
		this.log.length = 0;
		this.callbacks.length = 0;
		this.jobs.clear();
		this.meta.clear();
		this.media.clear();
		this.requestLog.reset();
		Object.assign(this.faults, defaultFaults());
		this.restoreState();
	}

	async close() {
		if (this.closed) return;
		this.closed = true;
		this.generation++;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const req of this.outgoing) req.destroy();
		for (const res of this.hanging) res.destroy();
		if (!this.server) return;
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	// ---- internals used by the modules ----------------------------------------------------

	restoreState() {
		this.channels.clear();
		for (const a of this.accounts)
			this.channels.set(a.channel, { ...a, configured: true, error: null });
		this.counters = emptyCounters();
		this.maxConcurrent = {};
		for (const id of this.channels.keys()) this.maxConcurrent[id] = 0;
	}

	elapsedMs() {
		return Date.now() - this.startedAt;
	}

	countResponse(status) {
		this.counters.responses[status] = (this.counters.responses[status] || 0) + 1;
	}
}

/**
 * Starts the v2 simulator on options.host (127.0.0.1) / options.port (0 = random free port).
 * @returns {Promise<V2Simulator>}
 */
async function startV2Simulator(options = {}) {
	return await listen(new V2Simulator(options), createServer);
}

Object.assign(V2Simulator.prototype, timerMethods);

module.exports = { startV2Simulator, V2Simulator };
