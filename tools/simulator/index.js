'use strict';
// useapi.net Midjourney API v3 simulator: state, public API and startSimulator().
const { timerMethods, listen } = require('./lifecycle-kit');
const { createServer } = require('./server');
const { DEFAULT_CHANNELS, defaultSettings, normalizeChannel } = require('./accounts');
const { defaultFaults, mergeFaults } = require('./faults');
const { runningOn } = require('./capacity');
const { MediaStore } = require('./media');
const { RequestLog } = require('./log');
const { badRequest } = require('./http-util');

const CONFIG_KEYS = ['jobDurationMs', 'progressSteps', 'imageBytes'];

function emptyCounters() {
	return {
		submitted: 0,
		completed: 0,
		failed: 0,
		moderated: 0,
		cancelled: 0,
		callbacks: 0,
		responses: {},
	};
}

class Simulator {
	constructor(options = {}) {
		this.options = {
			host: '127.0.0.1',
			port: 0,
			token: 'sim-token',
			expiredTokens: [],
			jobDurationMs: 1500,
			progressSteps: 3,
			imageBytes: 0,
			jobIdOtherSuffix: '', // docs: describe/seed/settings... ids carry no type letter
			...options,
		};
		this.token = this.options.token;
		this.expiredTokens = [...this.options.expiredTokens];
		this.initialChannels = (this.options.channels ?? DEFAULT_CHANNELS).map(normalizeChannel);
		this.config = {};
		this.configure({
			jobDurationMs: this.options.jobDurationMs,
			progressSteps: this.options.progressSteps,
			imageBytes: this.options.imageBytes,
		});

		this.url = '';
		this.publicUrl = '';
		this.log = [];
		this.callbacks = [];
		this.jobs = new Map(); // jobid -> public job object
		this.meta = new Map(); // jobid -> internal state (channel, timers, listeners, ...)
		this.faults = defaultFaults();
		this.channels = new Map();
		this.settings = new Map(); // channel -> Midjourney settings (/settings, /fast, ...)
		this.media = new MediaStore(this);
		this.requestLog = new RequestLog(this);
		this.timers = new Set();
		this.streams = new Set();
		this.outgoing = new Set();
		this.generation = 0;
		this.closed = false;
		this.startedAt = Date.now();
		this.restoreChannels();
		this.counters = emptyCounters();
		this.maxConcurrent = {};
		for (const id of this.channels.keys()) this.statsFor(id);
	}

	// ---- contract ------------------------------------------------------------------------

	setFaults(patch) {
		return mergeFaults(this.faults, patch);
	}

	configure(patch) {
		for (const [key, value] of Object.entries(patch || {})) {
			if (!CONFIG_KEYS.includes(key)) throw badRequest(`Unknown config key ${key}`);
			if (!Number.isInteger(value) || value < 0)
				throw badRequest(`${key} must be a non-negative integer`);
			this.config[key] = value;
		}
		return this.config;
	}

	expireJob(jobid) {
		const meta = this.meta.get(jobid);
		if (!meta) return false;
		meta.expired = true;
		return true;
	}

	stats() {
		const running = {};
		for (const id of new Set([...this.channels.keys(), ...Object.keys(this.maxConcurrent)])) {
			const { total, images, videos } = runningOn(this, id);
			running[id] = { total, images, videos };
		}
		return {
			maxConcurrent: JSON.parse(JSON.stringify(this.maxConcurrent)),
			running,
			...this.counters,
			responses: { ...this.counters.responses },
			jobs: this.jobs.size,
			openStreams: this.streams.size,
		};
	}

	reset() {
		this.generation++;
		for (const meta of this.meta.values()) {
			this.clearTimer(meta.timer);
			meta.listeners.clear();
		}
		for (const stream of [...this.streams]) stream.destroy();
		for (const req of this.outgoing) req.destroy();
		this.log.length = 0;
		this.callbacks.length = 0;
		this.jobs.clear();
		this.meta.clear();
		this.media.clear();
		this.requestLog.reset();
		Object.assign(this.faults, defaultFaults());
		this.restoreChannels();
		this.settings.clear();
		this.counters = emptyCounters();
		this.maxConcurrent = {};
		for (const id of this.channels.keys()) this.statsFor(id);
	}

	async close() {
		if (this.closed) return;
		this.closed = true;
		this.generation++;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const stream of [...this.streams]) stream.destroy();
		for (const req of this.outgoing) req.destroy();
		if (!this.server) return;
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	// ---- internals used by the modules ----------------------------------------------------

	elapsedMs() {
		return Date.now() - this.startedAt;
	}

	/** Strings that must never appear in the log. */
	secrets() {
		return [this.token, ...this.expiredTokens];
	}

	restoreChannels() {
		this.channels.clear();
		for (const c of this.initialChannels) this.channels.set(c.channel, { ...c });
	}

	/** Runs every running job to its end now (its remaining steps at once, callbacks included). */
	finishRunningJobs() {
		for (const meta of this.meta.values()) meta.finishNow?.();
	}

	settingsOf(channel) {
		if (!this.settings.has(channel)) this.settings.set(channel, defaultSettings());
		return this.settings.get(channel);
	}

	statsFor(channel) {
		return (this.maxConcurrent[channel] ??= { total: 0, images: 0, videos: 0 });
	}

	/** Called when a capacity-counted job is created: records the peak of running jobs. */
	trackConcurrency(channel) {
		const counts = runningOn(this, channel);
		const max = this.statsFor(channel);
		for (const k of ['total', 'images', 'videos']) max[k] = Math.max(max[k], counts[k]);
	}

	countResponse(status) {
		this.counters.responses[status] = (this.counters.responses[status] || 0) + 1;
	}
}

/**
 * Starts the simulator on options.host (127.0.0.1) / options.port (0 = random).
 * @returns {Promise<Simulator>}
 */
async function startSimulator(options = {}) {
	return await listen(new Simulator(options), createServer);
}

Object.assign(Simulator.prototype, timerMethods);

module.exports = { startSimulator, Simulator };
