'use strict';
// Midjourney Image Generation API /v1 simulator (official OpenAPI document in
// api-docs/official-midjourney-openapi.txt): state, public API, startV1Simulator().
const { timerMethods, listen } = require('../simulator/lifecycle-kit');
const { createServer } = require('./server');
const { defaultFaults, mergeFaults } = require('./faults');
const { runningCount } = require('./capacity');
const { MediaStore } = require('./media');
const { RequestLog } = require('./log');

const CONFIG_KEYS = ['jobDurationMs', 'progressSteps', 'capacity'];

function emptyCounters() {
	return {
		submitted: 0,
		completed: 0,
		failed: 0,
		cancelled: 0,
		responses: {}, // every answered request, by HTTP status
		submitResponses: {}, // the five job-creating POSTs only
	};
}

class V1Simulator {
	constructor(options = {}) {
		this.options = {
			host: '127.0.0.1',
			port: 0,
			token: 'sim-v1-token',
			jobDurationMs: 1500,
			progressSteps: 3,
			capacity: 3,
			retryAfterSeconds: null, // the document mentions no Retry-After: none unless set
			publicUrl: '',
			...options,
		};
		this.token = this.options.token;
		this.config = {};
		this.configure({
			jobDurationMs: this.options.jobDurationMs,
			progressSteps: this.options.progressSteps,
			capacity: this.options.capacity,
		});
		this.url = '';
		this.publicUrl = '';
		this.log = [];
		this.callbacks = [];
		this.jobs = new Map(); // jobId -> the Job object GET /v1/jobs/{jobId} answers
		this.meta = new Map(); // jobId -> internal state (slot, timer, webhook, markers...)
		this.queue = []; // ids of relax jobs waiting for a slot
		this.faults = defaultFaults();
		this.media = new MediaStore(this);
		this.requestLog = new RequestLog(this);
		this.timers = new Set();
		this.outgoing = new Set(); // webhook requests in flight
		this.hanging = new Set(); // responses of `hang` submits, never answered
		this.generation = 0;
		this.jobSeq = 0;
		this.maxConcurrent = 0;
		this.counters = emptyCounters();
		this.closed = false;
		this.startedAt = Date.now();
	}

	// ---- public API ------------------------------------------------------------------------

	/** Merges fault knobs (see faults.js); throws on an unknown knob or a bad value. */
	setFaults(patch) {
		return mergeFaults(this.faults, patch);
	}

	/** Changes jobDurationMs / progressSteps (jobs created afterwards) and capacity (at once). */
	configure(patch) {
		for (const [key, value] of Object.entries(patch || {})) {
			if (!CONFIG_KEYS.includes(key)) throw new Error(`Unknown config key ${key}`);
			if (!Number.isInteger(value) || value < 0)
				throw new Error(`${key} must be a non-negative integer`);
			this.config[key] = value;
		}
		return this.config;
	}

	/** Makes a job answer 404 from now on (the documented "the job may have expired"). */
	expireJob(jobId) {
		const meta = this.meta.get(jobId);
		if (!meta) return false;
		meta.expired = true;
		return true;
	}

	/** Runs every running job to its end now (queued relax jobs too, as slots free up). */
	finishRunningJobs() {
		for (;;) {
			const running = [...this.meta.values()].filter((m) => m.finishNow);
			if (!running.length) return;
			for (const meta of running) meta.finishNow?.();
		}
	}

	stats() {
		return {
			maxConcurrent: this.maxConcurrent,
			running: runningCount(this),
			queued: this.queue.length,
			submitted: this.counters.submitted,
			completed: this.counters.completed,
			failed: this.counters.failed,
			cancelled: this.counters.cancelled,
			callbacks: this.callbacks.length,
			responses: { ...this.counters.responses },
			submitResponses: { ...this.counters.submitResponses },
			jobs: this.jobs.size,
		};
	}

	/** Forgets jobs, log, callbacks, media and faults; keeps the config and the port. */
	reset() {
		this.generation++;
		for (const meta of this.meta.values()) this.clearTimer(meta.timer);
		for (const req of this.outgoing) req.destroy();
		for (const res of this.hanging) res.destroy();
		this.outgoing.clear();
		this.hanging.clear();
		this.log.length = 0;
		this.callbacks.length = 0;
		this.jobs.clear();
		this.meta.clear();
		this.queue.length = 0;
		this.media.clear();
		this.requestLog.reset();
		Object.assign(this.faults, defaultFaults());
		this.counters = emptyCounters();
		this.maxConcurrent = 0;
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

	// ---- internals used by the modules ---------------------------------------------------

	elapsedMs() {
		return Date.now() - this.startedAt;
	}

	/** The job, unless unknown or expired. */
	findJob(jobId) {
		const meta = this.meta.get(jobId);
		return meta && !meta.expired ? this.jobs.get(jobId) : undefined;
	}

	trackConcurrency() {
		this.maxConcurrent = Math.max(this.maxConcurrent, runningCount(this));
	}

	countResponse(status, isSubmit) {
		const bump = (o) => (o[status] = (o[status] || 0) + 1);
		bump(this.counters.responses);
		if (isSubmit) bump(this.counters.submitResponses);
	}
}

/**
 * Starts the simulator on options.host (127.0.0.1) / options.port (0 = random free port).
 * @returns {Promise<V1Simulator>}
 */
async function startV1Simulator(options = {}) {
	return await listen(new V1Simulator(options), createServer);
}

Object.assign(V1Simulator.prototype, timerMethods);

module.exports = { startV1Simulator, V1Simulator };
