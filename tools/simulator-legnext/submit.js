'use strict';
// The task-creating POSTs (/api/v1/<task type>). Order of checks: auth (server) -> S2-only
// endpoint switched off (404) -> feature not enabled for the account (403) -> body JSON and
// schema (400) -> endpoint rule (400) -> earlier task (404 / 400) -> [[blocked]] (400) ->
// submitErrors / rate5xx -> force429 / rate429 -> concurrency (429 or queue) -> balance (402) ->
// task created (200 task object, `pending`) -> submitAnswers. Refused requests consume no fault.
const { LegnextError, badRequest, plainStatus } = require('./errors');
const { parseBody } = require('./body');
const { schemaFor } = require('./schemas');
const { endpointOf, priceOf } = require('./endpoints');
const { parseMarkers } = require('./markers');
const { takeCount, takeNext, takeChance } = require('./faults');
const { admission, rateLimited } = require('./capacity');
const { reserve } = require('./wallet');
const { newTask } = require('./task-model');
const { startTask } = require('./lifecycle');
const { sendJson } = require('./send');

const NOT_WHITELISTED =
	'This feature is only available for whitelisted accounts. Please upgrade your plan or contact customer support to access this feature.';
const KINDS_WITH_VIDEOS = { videos: 4, video: 1 };

const textsOf = (b) => [b.text, b.prompt, b.remixPrompt, b.imgUrl, ...(b.imgUrls || [])];

function checkRequest(sim, ctx, taskType) {
	const row = endpointOf(taskType);
	if (row.s2Only && !sim.config.s2OnlyEndpoints)
		throw new LegnextError(404, `No endpoint POST /api/v1/${taskType}`);
	if (sim.config.disabledFeatures.includes(taskType)) throw new LegnextError(403, NOT_WHITELISTED);
	const body = parseBody(ctx.rawBody, schemaFor(taskType, sim));
	row.check?.(body);
	const parent = row.parent ? row.parent(sim, body) : null;
	const markers = parseMarkers(textsOf(body));
	if (markers.blocked)
		throw badRequest('Prompt rejected by content moderation: please remove banned words.');
	return { row, body, parent, markers };
}

function takeSubmitFault(sim) {
	const status = takeNext(sim.faults, 'submitErrors') ?? (takeChance(sim.faults, 'rate5xx') && 503);
	if (status) throw plainStatus(status);
	if (takeCount(sim.faults, 'force429') || takeChance(sim.faults, 'rate429'))
		throw rateLimited(sim);
}

function newMeta(sim, { row, body, parent, markers }, how) {
	const text = textsOf(body)
		.filter((t) => typeof t === 'string')
		.join(' ');
	const failed = markers.failed || takeCount(sim.faults, 'failJobs');
	return {
		kind: row.kind,
		seq: ++sim.taskSeq,
		text,
		input: body,
		durationMs: markers.durationMs ?? sim.config.jobDurationMs,
		outcome: markers.moderated ? 'moderated' : failed ? 'failed' : 'completed',
		retry: markers.retry,
		callback: body.callback,
		callbackChain: Promise.resolve(),
		videoCount: KINDS_WITH_VIDEOS[row.kind] ?? 0,
		extensions: parent && row.kind === 'videos' ? sim.meta.get(parent.job_id).extensions + 1 : 0,
		createdMs: Date.now(),
		how,
		slot: false,
		queued: false,
		timer: null,
		finishNow: null,
	};
}

async function submit(sim, ctx, taskType) {
	const request = checkRequest(sim, ctx, taskType);
	takeSubmitFault(sim);
	const how = admission(sim);
	const turbo = /(^|\s)--turbo\b/.test(request.body.text ?? request.body.prompt ?? '');
	const usage = reserve(sim, priceOf(request.row, request.body, turbo));

	const task = newTask({ taskType, callback: request.body.callback, usage });
	const meta = newMeta(sim, request, how);
	sim.tasks.set(task.job_id, task);
	sim.meta.set(task.job_id, meta);
	sim.counters.submitted++;
	ctx.record.jobId = task.job_id;
	startTask(sim, task, meta, how);
	answer(sim, ctx, task);
}

/** The 200 task object, or a lost answer (submitAnswers: 'hang' never answers, 'cut' half). */
function answer(sim, ctx, task) {
	const misbehave = takeNext(sim.faults, 'submitAnswers');
	if (!misbehave) return sendJson(sim, ctx.res, 200, task);
	ctx.record.lostAnswer = misbehave;
	sim.hanging.add(ctx.res);
	ctx.res.on('close', () => sim.hanging.delete(ctx.res));
	if (misbehave === 'hang') return;
	const text = JSON.stringify(task);
	ctx.res.writeHead(200, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	ctx.res.write(text.slice(0, Math.floor(text.length / 2)));
	sim.setTimer(() => ctx.res.destroy(), 20);
}

module.exports = { submit };
