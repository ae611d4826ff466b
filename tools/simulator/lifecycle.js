'use strict';
// Runs a job through created -> started -> progress x N -> completed | failed | moderated over its
// duration, notifying listeners (open SSE streams) and the webhook at every status change.
const { laterIso } = require('./util');
const model = require('./job-model');
const { notifyWebhook } = require('./webhooks');

const FINAL = new Set(['completed', 'failed', 'moderated']);
const isFinal = (status) => FINAL.has(status);

function setStatus(sim, job, status) {
	job.status = status;
	job.updated = laterIso(job.updated);
	const meta = sim.meta.get(job.jobid);
	const event = `midjourney_${status}`;
	for (const listener of [...meta.listeners]) listener(event, job);
	notifyWebhook(sim, job, meta, status);
	if (isFinal(status)) {
		meta.listeners.clear();
		clearTimeout(meta.timer);
		sim.timers.delete(meta.timer);
		meta.timer = null;
		sim.counters[job.error === 'Job cancelled by user' ? 'cancelled' : status]++;
	}
}

/** The steps after `created`, each applied one slot (duration / (progressSteps + 2)) after the previous. */
function plan(meta) {
	const progress = Array.from({ length: meta.progressSteps }, (_, i) => `progress:${i + 1}`);
	if (meta.outcome === 'moderated') return ['moderated'];
	if (meta.outcome === 'invalid') return ['failed']; // refused before it starts
	if (meta.outcome === 'failed') return ['started', ...progress.slice(0, 1), 'failed'];
	return ['started', ...progress, 'completed'];
}

function applyStep(sim, job, meta, step) {
	if (step === 'started') {
		job.response = model.startedResponse(meta);
		return setStatus(sim, job, 'started');
	}
	if (step.startsWith('progress:')) {
		job.response = model.progressResponse(sim, meta, Number(step.slice(9)), meta.progressSteps);
		return setStatus(sim, job, 'progress');
	}
	if (step === 'completed') {
		const settings = sim.settingsOf(meta.channel);
		if (meta.settingsType) model.applySettingsVerb(job.verb, settings);
		job.response = model.completedResponse(sim, meta, settings);
		job.code = 200;
		return setStatus(sim, job, 'completed');
	}
	if (step === 'failed') return fail(sim, job, meta.failure);
	if (step === 'moderated') return moderate(sim, job);
}

function fail(sim, job, { error, errorDetails, code }) {
	job.error = error;
	if (errorDetails) job.errorDetails = errorDetails;
	if (code) job.code = code;
	setStatus(sim, job, 'failed');
}

function moderate(sim, job) {
	const meta = sim.meta.get(job.jobid);
	job.response = model.moderatedResponse(meta);
	job.error = model.MODERATION_ERROR;
	job.errorDetails = model.MODERATION_DETAILS;
	job.code = 422;
	setStatus(sim, job, 'moderated');
}

/** Emits `created` now and schedules the rest of the job. */
function startJob(sim, job) {
	const meta = sim.meta.get(job.jobid);
	setStatus(sim, job, 'created');
	const steps = plan(meta);
	const slot = meta.durationMs / (meta.progressSteps + 2);
	let index = 0;
	const next = () => {
		meta.timer = null;
		if (isFinal(job.status)) return;
		applyStep(sim, job, meta, steps[index++]);
		if (index < steps.length && !isFinal(job.status)) meta.timer = sim.setTimer(next, slot);
	};
	meta.timer = sim.setTimer(next, slot);
	// Tests that must not race the clock (an n8n restart of unknown length) end jobs on demand.
	meta.finishNow = () => {
		clearTimeout(meta.timer);
		sim.timers.delete(meta.timer);
		while (index < steps.length && !isFinal(job.status)) applyStep(sim, job, meta, steps[index++]);
	};
}

/** DELETE /jobs/:jobid on a running job. */
function cancelJob(sim, job) {
	fail(sim, job, { error: 'Job cancelled by user' });
}

/** For [[reject]] / [[596]]: the job is stored directly in its final state. */
function finishNow(sim, job, outcome, failure) {
	if (outcome === 'moderated') moderate(sim, job);
	else fail(sim, job, failure);
}

module.exports = { startJob, cancelJob, finishNow, isFinal };
