'use strict';
// Runs a job: started (the 200 answer) -> progress x progressSteps -> completed | failed |
// moderated, one step every durationMs / (progressSteps + 1). A final status ends the job's
// timer, frees its capacity slot, counts it and triggers the replyUrl callback.
const model = require('./job-model');
const { notifyReplyUrl } = require('./callbacks');
const { aspectRatio } = require('./prompt-params');
const { stripMarkers } = require('./markers');

const FINAL = new Set(['completed', 'failed', 'moderated']);
const isFinal = (status) => FINAL.has(status);

/** Replaces the job with `patch` applied (`updated` strictly later); handles final statuses. */
function update(sim, jobid, patch) {
	const previous = sim.jobs.get(jobid);
	const job = model.ordered({ ...previous, ...patch, updated: model.laterIso(previous.updated) });
	sim.jobs.set(jobid, job);
	if (isFinal(job.status) && !isFinal(previous.status)) {
		const meta = sim.meta.get(jobid);
		meta.running = false;
		sim.clearTimer(meta.timer);
		meta.timer = null;
		sim.counters[job.status]++;
		notifyReplyUrl(sim, job);
	}
	return job;
}

/** The steps after `started`. */
function plan(meta) {
	const progress = Array.from({ length: meta.progressSteps }, (_, i) => i + 1);
	if (meta.outcome === 'moderated') return ['moderated'];
	if (meta.outcome === 'failed') return [...progress.slice(0, 1), 'failed'];
	return [...progress, 'completed'];
}

function applyStep(sim, meta, step) {
	const job = sim.jobs.get(meta.jobid);
	if (typeof step === 'number') {
		const pct = Math.round((100 * step) / (meta.progressSteps + 1));
		return update(sim, meta.jobid, {
			status: 'progress',
			content: model.content(job.prompt, `(${pct}%) (fast)`),
		});
	}
	if (step === 'failed') return update(sim, meta.jobid, { status: 'failed', ...model.FAILED });
	if (step === 'moderated')
		return update(sim, meta.jobid, { status: 'moderated', ...model.MODERATED });
	// completed: Midjourney posts a new message carrying the grid
	const messageId = model.snowflake();
	const { width, height } = model.gridSize(aspectRatio(job.prompt));
	const attachment = sim.media.attachment({
		channel: meta.channel,
		messageId,
		filename: model.fileName(stripMarkers(job.prompt)),
		width,
		height,
		seed: meta.jobid,
	});
	return update(sim, meta.jobid, {
		status: 'completed',
		messageId,
		timestamp: model.discordTimestamp(),
		content: model.content(job.prompt, '(fast)'),
		attachments: [attachment],
		buttons: [...model.BUTTONS],
		code: 200,
	});
}

/** Schedules the rest of a started job. */
function runJob(sim, meta) {
	meta.running = true;
	const steps = plan(meta);
	const slot = meta.durationMs / (meta.progressSteps + 1);
	let index = 0;
	const running = () => index < steps.length && !isFinal(sim.jobs.get(meta.jobid).status);
	const next = () => {
		meta.timer = null;
		if (!running()) return;
		applyStep(sim, meta, steps[index++]);
		if (running()) meta.timer = sim.setTimer(next, slot);
	};
	meta.timer = sim.setTimer(next, slot);
	meta.finishNow = () => {
		sim.clearTimer(meta.timer);
		meta.timer = null;
		while (running()) applyStep(sim, meta, steps[index++]);
	};
}

/** A job refused at submit ([[reject]], invalid parameter, [[504]], [[596]]): final at once. */
function endAtSubmit(sim, jobid, status, fields) {
	return update(sim, jobid, { status, ...fields });
}

module.exports = { runJob, endAtSubmit, update, isFinal };
