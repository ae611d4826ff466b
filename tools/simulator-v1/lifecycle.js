'use strict';
// Runs a job through pending -> in_progress -> completed | failed over its duration, in
// progressSteps + 2 equal slots: pending for one slot, then in_progress (progress 0), then
// progressSteps progress updates (25/50/75 for 3 steps), then the final status (progress 100 when
// completed). Only status transitions trigger webhooks. Cancel ends a job at once; a final job
// frees its slot and the oldest queued (relax) job starts.
const model = require('./job-model');
const { notifyWebhook, FINAL } = require('./webhooks');
const { runningCount } = require('./capacity');

const FAILURE = {
	code: 'generation_failed',
	message: 'The job failed during image generation. Please try again.',
};

const isFinal = (status) => FINAL.has(status);

function setStatus(sim, job, meta, status) {
	job.status = status;
	const at = model.touch(job);
	if (isFinal(status)) {
		job.completed_at = at;
		sim.counters[status]++;
	}
	notifyWebhook(sim, job, meta);
	if (isFinal(status)) release(sim, meta);
}

/** The steps after creation, each one slot after the previous. */
function plan(meta) {
	const progress = Array.from({ length: meta.progressSteps }, (_, i) => i + 1);
	if (meta.fails) return ['in_progress', ...progress.slice(0, 1), 'failed'];
	return ['in_progress', ...progress, 'completed'];
}

function applyStep(sim, job, meta, step) {
	if (typeof step === 'number') {
		job.progress = Math.round((step / (meta.progressSteps + 1)) * 100);
		model.touch(job);
		return;
	}
	if (step === 'in_progress') {
		job.progress = 0;
		return setStatus(sim, job, meta, 'in_progress');
	}
	if (step === 'completed') {
		job.result = model.buildResult(sim, job, meta);
		job.progress = 100;
		return setStatus(sim, job, meta, 'completed');
	}
	job.error = { ...FAILURE };
	setStatus(sim, job, meta, 'failed');
}

/** Gives the job a slot and schedules its steps. */
function run(sim, job, meta) {
	meta.slot = true;
	meta.queued = false;
	sim.trackConcurrency();
	const steps = plan(meta);
	const slotMs = meta.durationMs / (meta.progressSteps + 2);
	let index = 0;
	const next = () => {
		meta.timer = null;
		if (isFinal(job.status)) return;
		applyStep(sim, job, meta, steps[index++]);
		if (index < steps.length && !isFinal(job.status)) meta.timer = sim.setTimer(next, slotMs);
	};
	meta.timer = sim.setTimer(next, slotMs);
	meta.finishNow = () => {
		sim.clearTimer(meta.timer);
		meta.timer = null;
		while (index < steps.length && !isFinal(job.status)) applyStep(sim, job, meta, steps[index++]);
	};
}

/** Starts a new job now, or leaves it pending in the relax queue. */
function startJob(sim, job, meta, admission) {
	if (admission === 'queue') {
		meta.queued = true;
		sim.queue.push(job.id);
		return;
	}
	run(sim, job, meta);
}

/** A final job frees its slot: queued jobs start while slots are free. */
function release(sim, meta) {
	sim.clearTimer(meta.timer);
	meta.timer = null;
	meta.slot = false;
	meta.finishNow = null;
	while (sim.queue.length && runningCount(sim) < sim.config.capacity) {
		const id = sim.queue.shift();
		run(sim, sim.jobs.get(id), sim.meta.get(id));
	}
}

/** POST /v1/jobs/{jobId}/cancel on a pending or in_progress job. */
function cancelJob(sim, job, meta) {
	if (meta.queued) {
		sim.queue.splice(sim.queue.indexOf(job.id), 1);
		meta.queued = false;
	}
	setStatus(sim, job, meta, 'cancelled');
}

module.exports = { startJob, cancelJob, isFinal };
