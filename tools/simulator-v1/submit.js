'use strict';
// The five job-creating POSTs (/v1/imagine, /upscale, /variations, /describe, /blend). Order of
// checks: body JSON -> schema -> endpoint rules (prompt flags, either/or images, parent job) ->
// [[blocked]] marker -> submitErrors -> force429 -> capacity (429 or relax queue) -> job created
// -> hang. Refused requests never consume a fault.
const { sendJson } = require('../simulator/http-util');
const { parseJsonObject } = require('./body');
const { validateBody } = require('./validate');
const schemas = require('./schemas');
const { V1Error, badRequest, plainStatus } = require('./errors');
const { parsePromptFlags } = require('./prompt-flags');
const { parseMarkers } = require('./markers');
const { imageSource } = require('./source-images');
const { takeCount, takeNext } = require('./faults');
const { admission, rateLimited } = require('./capacity');
const { startJob } = require('./lifecycle');
const model = require('./job-model');

const GRID_TYPES = new Set(['imagine', 'variation', 'blend']); // jobs whose result is a 2x2 grid

function imagine(sim, body) {
	if (!body.prompt.trim()) throw badRequest('invalid_length', 'prompt must not be empty');
	const parameters = model.imagineParameters(body, parsePromptFlags(body.prompt));
	return {
		type: 'imagine',
		prompt: body.prompt,
		parameters,
		markerText: body.prompt,
		processMode: parameters.process_mode,
		cell: model.cellSize(parameters.aspect_ratio),
	};
}

/** upscale / variations: the parent must be a completed grid job (404 / 400 otherwise). */
function fromParent(type) {
	return (sim, body) => {
		const parent = sim.findJob(body.job_id);
		if (!parent) throw new V1Error(404, 'job_not_found', `Parent job ${body.job_id} was not found`);
		if (!GRID_TYPES.has(parent.type))
			throw badRequest(
				'invalid_parent',
				`Job ${parent.id} is a ${parent.type} job and has no image grid`,
			);
		if (parent.status !== 'completed')
			throw badRequest(
				'parent_not_completed',
				`Job ${parent.id} is ${parent.status}; only completed jobs can be used`,
			);
		const parentMeta = sim.meta.get(parent.id);
		return {
			type,
			prompt: parent.prompt,
			parameters: structuredClone(parent.parameters),
			markerText: '', // a parent's markers are not inherited
			processMode: parent.parameters.process_mode ?? 'fast',
			cell: parentMeta.cell,
		};
	};
}

function describe(sim, body) {
	const source = imageSource(body, 'image_url', 'image_base64');
	return {
		type: 'describe',
		prompt: null,
		parameters: {},
		markerText: body.image_url,
		processMode: 'fast',
		source,
	};
}

function blend(sim, body) {
	const sources = body.images.map((img, i) => imageSource(img, 'url', 'base64', `images[${i}].`));
	const aspect = body.aspect_ratio ?? model.DEFAULTS.aspect_ratio;
	return {
		type: 'blend',
		prompt: body.prompt ? body.prompt : null,
		parameters: { aspect_ratio: aspect },
		markerText: body.prompt,
		processMode: 'fast',
		cell: model.cellSize(aspect),
		source: sources.join('|'),
	};
}

const ENDPOINTS = {
	imagine: [schemas.ImagineRequest, imagine],
	upscale: [schemas.UpscaleRequest, fromParent('upscale')],
	variations: [schemas.VariationRequest, fromParent('variation')],
	describe: [schemas.DescribeRequest, describe],
	blend: [schemas.BlendRequest, blend],
};

async function submit(sim, ctx, endpoint) {
	const [schema, build] = ENDPOINTS[endpoint];
	const body = validateBody(schema, parseJsonObject(ctx.rawBody));
	const spec = build(sim, body);
	const markers = parseMarkers(spec.markerText);
	if (markers.blocked)
		throw badRequest(
			'prompt_blocked',
			'The request contains blocked content and was not accepted.',
		);

	const fault = takeNext(sim.faults, 'submitErrors');
	if (fault) throw plainStatus(fault);
	if (takeCount(sim.faults, 'force429')) throw rateLimited(sim);
	const how = admission(sim, spec.processMode);

	const job = model.newJob(spec);
	const meta = {
		cell: spec.cell,
		source: spec.source,
		durationMs: markers.durationMs ?? durationFor(sim, spec.processMode),
		progressSteps: sim.config.progressSteps,
		fails: markers.failed || takeCount(sim.faults, 'failJobs'),
		webhookUrl: body.webhook_url,
		webhookType: body.webhook_type ?? 'result',
		webhookChain: Promise.resolve(),
		slot: false,
		queued: false,
		timer: null,
		finishNow: null,
		expired: false,
		seq: ++sim.jobSeq,
	};
	sim.jobs.set(job.id, job);
	sim.meta.set(job.id, meta);
	sim.counters.submitted++;
	ctx.record.jobId = job.id;
	startJob(sim, job, meta, how);

	if (takeCount(sim.faults, 'hang')) {
		ctx.record.hung = true;
		sim.hanging.add(ctx.res);
		ctx.res.on('close', () => sim.hanging.delete(ctx.res));
		return; // the job runs, the client never hears about it
	}
	sendJson(ctx.res, 200, { status: 'SUCCESS', message: 'Job created', data: { job_id: job.id } });
}

/** Turbo mode ("more credits for faster results") takes half the configured duration. */
function durationFor(sim, processMode) {
	const ms = sim.config.jobDurationMs;
	return processMode === 'turbo' ? Math.round(ms / 2) : ms;
}

module.exports = { submit, SUBMIT_ENDPOINTS: Object.keys(ENDPOINTS) };
