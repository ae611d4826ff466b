'use strict';
// Job endpoints: POST /jobs/<verb>, GET /jobs, GET /jobs/:jobid, DELETE /jobs/:jobid.
const http = require('node:http');
const crypto = require('node:crypto');
const { ApiError, sendJson, sendEmpty } = require('./http-util');
const { snowflake, elapsed } = require('./util');
const { validateJob, VERBS } = require('./validation');
const { selectChannel, runningOn, isRunning } = require('./capacity');
const { takeCount, takeReadError, takeSubmitAnswer, takeSubmitError } = require('./faults');
const { parseMarkers } = require('./markers');
const { invalidParameter } = require('./prompt-params');
const { makeJobId, modeLabel } = require('./job-model');
const { startJob, cancelJob, finishNow, isFinal } = require('./lifecycle');
const { SseStream } = require('./sse');

const PENDING_MOD = {
	error: 'Pending mod message',
	errorDetails:
		'You have a pending moderation message. Please acknowledge it before using the bot further.',
	code: 596,
};
const FAILED = {
	error: 'Job failed',
	errorDetails: 'Midjourney reported an internal error while processing the job. Please try again.',
	code: 500,
};

/** The error a submitErrors fault answers with (503 as documented, 502/504 like a gateway would). */
function submitFault(fault) {
	if (fault.body !== undefined)
		return new ApiError(fault.status, fault.body, fault.contentType || 'text/plain; charset=utf-8');
	// The docs' 503 (v3-imagine.txt): a failed job whose `error` names only the status; the
	// phrase that says nothing was created is in the Discord response's content.
	if (fault.status === 503) {
		const now = new Date().toISOString();
		return new ApiError(503, {
			jobid: `j${Date.now()}i-u12345-c${fault.channel || '1234567890123456789'}-bot:midjourney`,
			verb: fault.verb || 'imagine',
			status: 'failed',
			error: 'Discord Agent Status 503',
			created: now,
			updated: now,
			response: { content: 'Failed to process your command :c' },
			code: 503,
		});
	}
	if (fault.status === 502 || fault.status === 504) {
		const text = `${fault.status} ${http.STATUS_CODES[fault.status]}`;
		return new ApiError(
			fault.status,
			`<html><head><title>${text}</title></head><body><center><h1>${text}</h1></center><hr><center>cloudflare</center></body></html>`,
			'text/html; charset=utf-8',
		);
	}
	return new ApiError(fault.status, { error: http.STATUS_CODES[fault.status] || 'Error' });
}

/** Request echo stored with the job (`request`): what the client sent, in the docs' key order. */
function requestEcho(spec) {
	const c = spec.common;
	return {
		...(c.replyUrl ? { replyUrl: c.replyUrl } : {}),
		...(c.replyRef ? { replyRef: c.replyRef } : {}),
		...(c.streamGiven ? { stream: c.stream } : {}),
		...spec.echo,
		...(c.channel ? { channel: c.channel } : {}),
	};
}

/** Streams a job: `initialized`, optionally its current state, then every status change until final. */
function attachStream(sim, stream, job, replayCurrent) {
	stream.send({ event: 'initialized', message: 'Stream initialized', jobId: job.jobid });
	if (replayCurrent) stream.send({ event: `midjourney_${job.status}`, job }, isFinal(job.status));
	if (isFinal(job.status)) return;
	const meta = sim.meta.get(job.jobid);
	const listener = (event, j) => stream.send({ event, job: j }, isFinal(j.status));
	meta.listeners.add(listener);
	stream.onceClosed(() => meta.listeners.delete(listener));
}

function createJob(sim, spec, cfg, markers) {
	const now = new Date();
	const jobid = makeJobId(spec.jobType, cfg.channel, sim.options.jobIdOtherSuffix, now);
	const invalid = invalidParameter(spec.markerText);
	const job = {
		jobid,
		verb: spec.verb,
		...(spec.jobType ? { jobType: spec.jobType } : {}),
		status: 'created',
		created: now.toISOString(),
		request: requestEcho(spec),
	};
	const meta = {
		channel: cfg.channel,
		kind: spec.kind,
		settingsType: Boolean(spec.settingsType),
		countsCapacity: spec.countsCapacity,
		button: spec.button,
		prompt: spec.prompt,
		title: spec.title,
		parentUuid: spec.parentUuid,
		uuid: crypto.randomUUID(),
		messageId: snowflake(),
		timestamp: now.toISOString().replace('Z', '000+00:00'),
		mode: modeLabel(sim.settingsOf(cfg.channel), spec.prompt),
		outcome: invalid
			? 'invalid'
			: markers.moderated
				? 'moderated'
				: markers.failed
					? 'failed'
					: 'completed',
		failure: invalid ? { error: 'Invalid parameter', errorDetails: invalid, code: 400 } : FAILED,
		durationMs: markers.durationMs ?? sim.config.jobDurationMs,
		progressSteps: sim.config.progressSteps,
		replyUrl: spec.common.replyUrl || cfg.replyUrl,
		replyLevel: spec.common.replyLevel,
		listeners: new Set(),
		webhookChain: Promise.resolve(),
		timer: null,
		expired: false,
	};
	sim.jobs.set(jobid, job);
	sim.meta.set(jobid, meta);
	sim.counters.submitted++;
	if (spec.parent) {
		const r = spec.parent.response;
		r.children = { ...(r.children || {}), [jobid]: spec.button || spec.verb };
		if (spec.executeOnceKey)
			r.executeOnce = { ...(r.executeOnce || {}), [spec.executeOnceKey]: jobid };
	}
	if (meta.countsCapacity) sim.trackConcurrency(cfg.channel);
	return job;
}

function respondWithJob(sim, ctx, job, status, stream) {
	if (!stream) return sendJson(ctx.res, status, job);
	attachStream(sim, new SseStream(sim, ctx.res, ctx.record), job, status === 200);
}

async function postJob(sim, ctx, verb) {
	if (!VERBS.includes(verb))
		throw new ApiError(404, { error: `Unknown endpoint POST /v3/midjourney/jobs/${verb}` });
	const spec = validateJob(sim, verb, await ctx.body());

	// Execute-once (U1-U4, seed): a repeat returns the existing child with 200 (unless it failed).
	if (spec.executeOnceKey) {
		const existing = sim.jobs.get(spec.parent.response.executeOnce?.[spec.executeOnceKey]);
		if (existing && existing.status !== 'failed' && existing.status !== 'moderated') {
			ctx.record.jobid = existing.jobid;
			return respondWithJob(sim, ctx, existing, 200, spec.common.stream);
		}
	}

	const fault = takeSubmitError(sim.faults);
	if (fault && !fault.created) throw submitFault(fault);
	const cfg = selectChannel(sim, spec);
	const markers = parseMarkers(spec.markerText);
	const job = createJob(sim, spec, cfg, markers);
	ctx.record.jobid = job.jobid;

	if (markers.reject) {
		finishNow(sim, job, 'moderated');
		return sendJson(ctx.res, 422, job);
	}
	if (markers.pendingMod) {
		cfg.error = PENDING_MOD.error;
		finishNow(sim, job, 'failed', PENDING_MOD);
		return sendJson(ctx.res, 596, job);
	}
	if (fault) {
		startJob(sim, job); // created: true -> the job runs, the client only sees the error
		throw submitFault(fault);
	}
	const misbehaviour = takeSubmitAnswer(sim.faults);
	if (misbehaviour) {
		startJob(sim, job);
		return misbehave(ctx, job, misbehaviour);
	}
	if (spec.common.stream) {
		attachStream(sim, new SseStream(sim, ctx.res, ctx.record), job, false);
		startJob(sim, job);
	} else {
		sendJson(ctx.res, 201, job);
		startJob(sim, job);
	}
}

/** A created job whose answer never (fully) arrives: see the submitAnswers fault. */
function misbehave(ctx, job, how) {
	ctx.record.misbehaved = how;
	if (how === 'hang') return; // the request stays open with no answer
	const text = JSON.stringify(job);
	ctx.res.writeHead(201, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	ctx.res.write(text.slice(0, Math.floor(text.length / 2)));
	if (how === 'cut') setTimeout(() => ctx.res.destroy(), 50);
}

function listRunning(sim, ctx) {
	const listError = takeReadError(sim.faults, 'listErrors');
	if (listError === 'reset') return ctx.res.destroy();
	if (listError) throw new ApiError(listError, { error: http.STATUS_CODES[listError] || 'Error' });
	const ids = new Set(sim.channels.keys());
	for (const job of sim.jobs.values()) {
		const meta = sim.meta.get(job.jobid);
		if (meta.countsCapacity && isRunning(job)) ids.add(meta.channel);
	}
	const out = { total: 0, images: 0, videos: 0, channels: {} };
	const now = Date.now();
	for (const id of ids) {
		const counts = runningOn(sim, id);
		const cfg = sim.channels.get(id);
		out.total += counts.total;
		out.images += counts.images;
		out.videos += counts.videos;
		out.channels[id] = {
			total: counts.total,
			images: counts.images,
			videos: counts.videos,
			...(cfg
				? { maxJobs: cfg.maxJobs, maxImageJobs: cfg.maxImageJobs, maxVideoJobs: cfg.maxVideoJobs }
				: {}),
			jobs: counts.jobs.map((j) => ({
				jobId: j.jobid,
				channel: id,
				jobType: j.jobType,
				created: j.created,
				elapsed: elapsed(j.created, now),
			})),
		};
	}
	sendJson(ctx.res, 200, out);
}

function findJob(sim, ctx, jobid) {
	ctx.record.jobid = jobid;
	const job = sim.jobs.get(jobid);
	if (!job) throw new ApiError(404, { error: 'Job not found' });
	if (sim.meta.get(jobid).expired) throw new ApiError(410, { error: `Job ${jobid} has expired` });
	return job;
}

function getJob(sim, ctx, jobid) {
	if (takeCount(sim.faults, 'readHangs')) {
		ctx.record.misbehaved = 'hang';
		return; // never answers
	}
	const readError = takeReadError(sim.faults);
	if (readError === 'reset') return ctx.res.destroy();
	if (readError) throw new ApiError(readError, { error: http.STATUS_CODES[readError] || 'Error' });
	sendJson(ctx.res, 200, findJob(sim, ctx, jobid));
}

function deleteJob(sim, ctx, jobid) {
	const job = findJob(sim, ctx, jobid);
	if (!isRunning(job))
		throw new ApiError(400, { error: `Job ${jobid} is not running (status ${job.status})` });
	cancelJob(sim, job);
	sendEmpty(ctx.res, 204);
}

module.exports = { postJob, listRunning, getJob, deleteJob };
