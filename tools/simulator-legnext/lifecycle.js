'use strict';
// Runs a task: pending -> staged -> processing -> completed | failed (facts sheet §5), in equal
// slots of its duration (pending one slot). `stagedVisible: false` skips staged; the [[retry]]
// marker adds retry -> processing before the end. A final status settles the wallet, sends the
// callback, frees the slot and starts the oldest queued task.
const { completedOutput, seconds, FINAL } = require('./task-model');
const { errorField } = require('./errors');
const { settle } = require('./wallet');
const { notify } = require('./callbacks');
const { activeCount } = require('./capacity');

const FAILURES = {
	failed: [500, 'Task failed: the image generation service reported an error. Please retry.'],
	moderated: [
		400,
		'Your prompt was blocked by the content moderation system. Please adjust it and try again.',
	],
};

function plan(sim, meta) {
	const steps = sim.config.stagedVisible ? ['staged', 'processing'] : ['processing'];
	if (meta.retry) steps.push('retry', 'processing');
	steps.push(meta.outcome);
	return steps;
}

function setStatus(sim, task, meta, status) {
	task.status = status;
	if (status === 'processing' && task.meta.started_at.startsWith('0001'))
		task.meta.started_at = seconds();
	if (FINAL.has(status)) {
		task.meta.ended_at = seconds();
		settle(sim, task.meta.usage, status === 'completed');
		sim.counters[status]++;
	}
	notify(sim, task, meta);
	if (FINAL.has(status)) release(sim, meta);
}

function applyStep(sim, task, meta, step) {
	if (step === 'completed') {
		const urls = sim.cdn.register(task, meta);
		task.output = completedOutput(sim, task, meta.kind, urls, meta.text);
		const { callback, ...input } = meta.input; // [choice] completed tasks keep their parameters
		task.input = input;
		return setStatus(sim, task, meta, 'completed');
	}
	if (FAILURES[step]) {
		const [code, message] = FAILURES[step];
		task.error = { ...errorField(code, message), raw_message: message };
		return setStatus(sim, task, meta, 'failed');
	}
	setStatus(sim, task, meta, step);
}

/** Gives the task a slot and schedules its steps. */
function run(sim, task, meta) {
	meta.slot = true;
	meta.queued = false;
	sim.maxConcurrent = Math.max(sim.maxConcurrent, activeCount(sim));
	const steps = plan(sim, meta);
	const slotMs = meta.durationMs / (steps.length + 1);
	let index = 0;
	const more = () => index < steps.length && !FINAL.has(task.status);
	const next = () => {
		meta.timer = null;
		if (!more()) return;
		applyStep(sim, task, meta, steps[index++]);
		if (more()) meta.timer = sim.setTimer(next, slotMs);
	};
	meta.timer = sim.setTimer(next, slotMs);
	meta.finishNow = () => {
		sim.clearTimer(meta.timer);
		meta.timer = null;
		while (more()) applyStep(sim, task, meta, steps[index++]);
	};
}

function startTask(sim, task, meta, how) {
	if (how === 'run') return run(sim, task, meta);
	meta.queued = true;
	sim.queue.push(task.job_id);
}

/** The oldest queued task when a slot is free, else null. */
const nextQueued = (sim) =>
	sim.queue.length && activeCount(sim) < sim.config.concurrency ? sim.queue.shift() : null;

/** Starts queued tasks while slots are free (after a final status, or a higher concurrency). */
function startQueued(sim) {
	for (let id = nextQueued(sim); id; id = nextQueued(sim))
		run(sim, sim.tasks.get(id), sim.meta.get(id));
}

function release(sim, meta) {
	sim.clearTimer(meta.timer);
	Object.assign(meta, { timer: null, slot: false, finishNow: null });
	startQueued(sim);
}

module.exports = { startTask, startQueued };
