'use strict';
// GET /api/v1/job/{job_id} and the account endpoints (facts sheet §3.3, §3.4).
const { LegnextError, plainStatus } = require('./errors');
const { takeNext } = require('./faults');
const { balanceData, nanos } = require('./wallet');
const { FINAL } = require('./task-model');
const { sendJson } = require('./send');

function getJob(sim, ctx, jobId) {
	ctx.record.jobId = jobId;
	const fault = takeNext(sim.faults, 'readErrors');
	if (fault === 'reset') {
		ctx.record.reset = true;
		return ctx.res.destroy();
	}
	if (fault) throw plainStatus(fault);
	const task = sim.findTask(jobId);
	if (!task) throw new LegnextError(404, `Job ${jobId} not found`);
	return sendJson(sim, ctx.res, 200, task);
}

const envelope = (data) => ({ code: 200, message: 'success', data });

function getBalance(sim, ctx) {
	return sendJson(sim, ctx.res, 200, envelope(balanceData(sim)));
}

/** S2-only, bare like S2 declares it: plan, balance, used, quota, status ([choice] values). */
function getInfo(sim, ctx) {
	const b = balanceData(sim);
	const reset = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1));
	return sendJson(sim, ctx.res, 200, {
		account_id: b.account_id,
		plan: 'pro',
		balance: b.balance_usd,
		used: sim.counters.consumed / 1000,
		quota: { monthly_limit: 30000, remaining: b.available_points, reset_at: reset.toISOString() },
		status: 'active',
		created_at: new Date(sim.startedAt).toISOString(),
		updated_at: nanos(),
	});
}

/** S2-only: the non-final tasks, with a progress estimate. */
function getActiveTasks(sim, ctx) {
	const now = Date.now();
	const tasks = [];
	for (const [id, task] of sim.tasks) {
		if (FINAL.has(task.status)) continue;
		const meta = sim.meta.get(id);
		const progress = Math.min(99, Math.floor((100 * (now - meta.createdMs)) / meta.durationMs));
		tasks.push({
			job_id: id,
			task_type: task.task_type,
			status: task.status,
			created_at: task.meta.created_at,
			progress: meta.queued ? 0 : progress,
			estimated_time: Math.ceil(Math.max(0, meta.createdMs + meta.durationMs - now) / 1000),
		});
	}
	return sendJson(sim, ctx.res, 200, {
		account_id: sim.options.accountId,
		total_active: tasks.length,
		concurrent_limit: sim.config.concurrency,
		tasks,
		updated_at: nanos(),
	});
}

module.exports = { getJob, getBalance, getInfo, getActiveTasks };
