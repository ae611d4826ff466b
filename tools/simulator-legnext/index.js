'use strict';
// Legnext (legnext.ai) Midjourney API simulator, written from the facts sheet
// api-docs/legnext/README.md: state, public API, startLegnextSimulator(). Two origins: the API
// (sim.url) and the result "CDN" (sim.cdnUrl).
const { timerMethods, listen } = require('../simulator/lifecycle-kit');
const { createServer } = require('./server');
const { createCdnServer } = require('./cdn');
const { freshRuntime } = require('./state');
const { DEFAULT_CONFIG, mergeConfig } = require('./config');
const { defaultFaults, mergeFaults } = require('./faults');
const { activeCount } = require('./capacity');
const { newWallet } = require('./wallet');
const { startQueued } = require('./lifecycle');

const emptyCounters = () => ({
	submitted: 0,
	completed: 0,
	failed: 0,
	consumed: 0,
	responses: {},
	submitResponses: {},
});

class LegnextSimulator {
	constructor(options = {}) {
		const { config: _, ...rest } = options;
		this.options = {
			host: '127.0.0.1',
			port: 0,
			cdnPort: 0,
			key: 'sim-legnext-key',
			points: 30000, // a Pro plan's month (S6)
			credits: 0,
			accountId: 10001,
			alertThresholdUsd: 5,
			retryAfterSeconds: null, // no Retry-After seen (§8): none unless set
			imageBytes: 0,
			publicUrl: '',
			cdnPublicUrl: '',
			...rest,
		};
		this.key = this.options.key;
		this.token = this.key; // the name the shared request log scrubs
		this.config = mergeConfig({ ...DEFAULT_CONFIG }, pickConfig(options));
		Object.assign(this, freshRuntime(this));
		this.restoreState();
	}

	// ---- public API ------------------------------------------------------------------------

	setFaults(patch) {
		return mergeFaults(this.faults, patch);
	}

	/** Changes settings (see config.js); throws on an unknown key or a bad value. */
	configure(patch) {
		mergeConfig(this.config, patch);
		startQueued(this);
		return this.config;
	}

	/** Sets the wallets: { points, credits }. */
	setBalance({ points = this.wallet.points, credits = this.wallet.credits }) {
		Object.assign(this.wallet, { points, credits });
		return { ...this.wallet };
	}

	/** The task answers 404 from now on (as after the sheet's ~3 days); false if unknown. */
	expireJob(jobId) {
		const meta = this.meta.get(jobId);
		if (meta) meta.expired = true;
		return Boolean(meta);
	}

	/** The task's result URLs answer 404 from now on (as if they had expired). */
	expireResults(jobId) {
		return this.cdn.expire(jobId);
	}

	finishRunningJobs() {
		for (;;) {
			const running = [...this.meta.values()].filter((m) => m.finishNow);
			if (!running.length) return;
			for (const meta of running) meta.finishNow();
		}
	}

	stats() {
		return {
			maxConcurrent: this.maxConcurrent,
			running: activeCount(this),
			queued: this.queue.length,
			...this.counters,
			responses: { ...this.counters.responses },
			submitResponses: { ...this.counters.submitResponses },
			callbacks: this.callbacks.length,
			jobs: this.tasks.size,
			wallet: { ...this.wallet },
		};
	}

	/** Forgets tasks, logs, callbacks, files and faults; restores the balance; keeps config. */
	reset() {
		this.generation++;
		for (const meta of this.meta.values()) this.clearTimer(meta.timer);
		this.dropInFlight();
		for (const list of [this.log, this.cdnLog, this.callbacks, this.queue]) list.length = 0;
		for (const map of [this.tasks, this.meta]) map.clear();
		this.cdn.clear();
		this.requestLog.reset();
		this.faults = defaultFaults();
		this.restoreState();
	}

	async close() {
		if (this.closed) return;
		this.dropInFlight();
		Object.assign(this, { closed: true, generation: this.generation + 1 });
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		await Promise.all([this.server, this.cdnServer].filter(Boolean).map(closeServer));
	}

	// ---- internals used by the modules ---------------------------------------------------

	restoreState() {
		this.wallet = newWallet(this.options);
		this.counters = emptyCounters();
		this.maxConcurrent = 0;
	}

	dropInFlight() {
		for (const req of this.outgoing) req.destroy();
		for (const res of this.hanging) res.destroy();
		this.outgoing.clear();
		this.hanging.clear();
	}

	elapsedMs() {
		return Date.now() - this.startedAt;
	}

	/** The task, unless unknown, expired by expireJob() or older than jobTtlMs. */
	findTask(jobId) {
		const meta = this.meta.get(jobId);
		if (!meta || meta.expired || Date.now() - meta.createdMs >= this.config.jobTtlMs)
			return undefined;
		return this.tasks.get(jobId);
	}

	/** Counts an answer by status (all answers, and the task-creating POSTs apart). */
	countResponse(status, isSubmit) {
		const { responses, submitResponses } = this.counters;
		for (const tally of isSubmit ? [responses, submitResponses] : [responses])
			tally[status] = (tally[status] ?? 0) + 1;
	}
}

function pickConfig(options) {
	const out = { ...(options.config || {}) };
	for (const key of Object.keys(DEFAULT_CONFIG))
		if (options[key] !== undefined) out[key] = options[key];
	return out;
}

function closeServer(server) {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

/**
 * Starts the API on options.host / options.port and the CDN on options.cdnPort (0 = random).
 * @returns {Promise<LegnextSimulator>}
 */
async function startLegnextSimulator(options = {}) {
	const sim = new LegnextSimulator(options);
	const cdnSide = {
		options: {
			host: sim.options.host,
			port: sim.options.cdnPort,
			publicUrl: sim.options.cdnPublicUrl,
		},
	};
	await listen(cdnSide, () => createCdnServer(sim));
	sim.cdnServer = cdnSide.server;
	sim.cdnUrl = cdnSide.publicUrl;
	return await listen(sim, createServer);
}

Object.assign(LegnextSimulator.prototype, timerMethods);

module.exports = { startLegnextSimulator, LegnextSimulator };
