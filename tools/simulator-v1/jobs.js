'use strict';
// GET /v1/jobs/{jobId}, GET /v1/jobs (status filter, limit/offset, sort) and
// POST /v1/jobs/{jobId}/cancel.
const { sendJson } = require('../simulator/http-util');
const { V1Error, badRequest, plainStatus } = require('./errors');
const { takeNext } = require('./faults');
const { parseListQuery } = require('./list-query');
const { cancelJob, isFinal } = require('./lifecycle');

const notFound = () =>
	new V1Error(
		404,
		'job_not_found',
		'Job not found. The job ID may be invalid or the job may have expired.',
	);

function findOr404(sim, ctx, jobId) {
	ctx.record.jobId = jobId;
	const job = sim.findJob(jobId);
	if (!job) throw notFound();
	return job;
}

function getJob(sim, ctx, jobId) {
	const fault = takeNext(sim.faults, 'readErrors');
	if (fault === 'reset') {
		ctx.record.jobId = jobId;
		ctx.record.reset = true;
		return ctx.res.destroy();
	}
	if (fault) throw plainStatus(fault);
	sendJson(ctx.res, 200, findOr404(sim, ctx, jobId));
}

function listJobs(sim, ctx) {
	const q = parseListQuery(ctx.query);
	const dir = q.sort === 'created_at_asc' ? 1 : -1;
	const seq = (job) => sim.meta.get(job.id).seq;
	const matching = [...sim.jobs.values()]
		.filter((job) => !sim.meta.get(job.id).expired && (!q.status || job.status === q.status))
		.sort((a, b) => dir * (a.created_at.localeCompare(b.created_at) || seq(a) - seq(b)));
	sendJson(ctx.res, 200, {
		data: matching.slice(q.offset, q.offset + q.limit),
		total: matching.length,
		limit: q.limit,
		offset: q.offset,
	});
}

function cancel(sim, ctx, jobId) {
	const job = findOr404(sim, ctx, jobId);
	if (isFinal(job.status))
		throw badRequest(
			'job_not_cancellable',
			`Job cannot be cancelled because it is already ${job.status}.`,
		);
	cancelJob(sim, job, sim.meta.get(jobId));
	sendJson(ctx.res, 200, job);
}

module.exports = { getJob, listJobs, cancel };
