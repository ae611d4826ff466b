'use strict';
// The job endpoints: POST /v2/jobs/imagine and GET /v2/jobs/?jobid=<jobid>.
const { ApiError, badRequest, statusError, sendJson } = require('./http-util');
const { validateImagine } = require('./validation');
const { selectAccount } = require('./accounts');
const { checkCapacity, discord429, trackConcurrency } = require('./capacity');
const { takeCount, takeSubmitError, takeReadError } = require('./faults');
const { parseMarkers } = require('./markers');
const { unknownParams } = require('./prompt-params');
const model = require('./job-model');
const { runJob, endAtSubmit } = require('./lifecycle');

/** The short bodies of the document's 422 and 504 examples. */
const refusal = (job) =>
	new ApiError(job.code, {
		error: job.error,
		...(job.errorDetails ? { errorDetails: job.errorDetails } : {}),
		jobid: job.jobid,
		status: job.status,
		code: job.code,
	});

/**
 * Order of checks: auth (server) -> body -> validation -> submitErrors -> account (400/596) ->
 * force429 -> capacity 429 -> job created -> submit-time refusals ([[reject]], unknown
 * parameters, [[504]], [[596]]) -> started (200, or no answer when `hang` fires).
 */
async function postImagine(sim, ctx) {
	const spec = validateImagine(await ctx.body());
	const fault = takeSubmitError(sim.faults);
	if (fault) throw fault.body ? new ApiError(fault.status, fault.body) : statusError(fault.status);
	const account = selectAccount(sim, spec);
	if (takeCount(sim.faults, 'force429')) throw discord429();
	checkCapacity(sim, account.channel, account.maxJobs);

	const markers = parseMarkers(spec.prompt);
	const jobid = model.makeJobId(account.channel);
	ctx.record.jobid = jobid;
	sim.jobs.set(jobid, model.newJob(jobid, spec, account));
	sim.meta.set(jobid, {
		jobid,
		channel: account.channel,
		durationMs: markers.durationMs ?? sim.config.jobDurationMs,
		progressSteps: sim.config.progressSteps,
		outcome: markers.moderated ? 'moderated' : markers.failed ? 'failed' : 'completed',
		running: false,
		timer: null,
		finishNow: null,
		callbackChain: Promise.resolve(),
	});
	sim.counters.submitted++;

	if (markers.reject) throw refusal(endAtSubmit(sim, jobid, 'moderated', model.MODERATED));
	const unknown = unknownParams(spec.prompt);
	if (unknown.length)
		throw refusal(endAtSubmit(sim, jobid, 'moderated', model.INVALID_PARAMETER(unknown)));
	if (markers.queued) throw refusal(endAtSubmit(sim, jobid, 'failed', model.QUEUED));
	if (markers.pendingMod) {
		sim.channels.get(account.channel).error = model.PENDING_MOD.error;
		throw new ApiError(596, endAtSubmit(sim, jobid, 'failed', model.PENDING_MOD));
	}

	runJob(sim, sim.meta.get(jobid));
	trackConcurrency(sim, account.channel);
	if (takeCount(sim.faults, 'hang')) {
		sim.hanging.add(ctx.res);
		ctx.res.on('close', () => sim.hanging.delete(ctx.res));
		return; // the job runs, the client never hears about it
	}
	sendJson(ctx.res, 200, sim.jobs.get(jobid));
}

/** GET /v2/jobs/?jobid=<jobid> */
function getJob(sim, ctx) {
	const { jobid } = ctx.query;
	if (!jobid) throw badRequest('Query param jobid not provided');
	const fault = takeReadError(sim.faults);
	if (fault === 'reset') {
		ctx.record.status = 'reset';
		ctx.req.socket.destroy();
		return;
	}
	if (fault) throw statusError(fault);
	const job = sim.jobs.get(jobid);
	if (!job) throw new ApiError(404, { error: 'Unable to locate jobid' });
	ctx.record.jobid = jobid;
	sendJson(ctx.res, 200, job);
}

module.exports = { postImagine, getJob };
