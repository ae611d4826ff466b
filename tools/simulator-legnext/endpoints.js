'use strict';
// One row per task-creating POST of facts sheet §3.1/§3.2: what the task produces, which earlier
// task it works on (and which `available_actions` entry must allow it), its price in points
// (§9, [choice] where the sheet has no figure) and whether only S2 lists it.
const { LegnextError, badRequest } = require('./errors');

const GRID_ACTIONS = ['upscale', 'variation', 'pan', 'outpaint', 'inpaint', 'remix', 'edit'];
const VIDEO_TASKS = new Set(['video-diffusion', 'extend-video']);
const MAX_EXTENSIONS = 4; // "up to 4 times, max 20 s total" (S1)

// kind: grid (4 images + grid), single (one image), describe / shorten (texts), videos (4), video (1)
const ENDPOINTS = {
	diffusion: { kind: 'grid', price: 80 },
	variation: { kind: 'grid', price: 120, action: 'variation' },
	upscale: { kind: 'single', price: (b) => [120, 160, 160, 240][b.type], action: 'upscale' },
	reroll: { kind: 'grid', price: 80, action: 'reroll' },
	pan: { kind: 'grid', price: 120, action: 'pan' },
	outpaint: { kind: 'grid', price: 120, action: 'outpaint' },
	inpaint: { kind: 'grid', price: 120, action: 'inpaint', check: maskRule },
	remix: { kind: 'grid', price: 120, action: 'remix' },
	edit: { kind: 'grid', price: 120, action: 'edit' },
	blend: { kind: 'grid', price: 80 },
	describe: { kind: 'describe', price: 20 },
	shorten: { kind: 'shorten', price: 20 },
	'upload-paint': { kind: 'grid', price: 120, s2Only: true, check: maskRule },
	retexture: { kind: 'grid', price: 120, s2Only: true },
	'remove-background': { kind: 'single', price: 40, s2Only: true },
	enhance: { kind: 'single', price: 80, s2Only: true, parent: enhanceParent },
	'video-diffusion': {
		kind: 'videos',
		price: (b) => (b.videoType === 1 ? 1536 : 480),
		check: videoSourceRule,
		parent: (sim, body) => (body.jobId ? imageParent(sim, body) : null),
	},
	'extend-video': { kind: 'videos', price: 480, parent: extendParent },
	'video-upscale': { kind: 'video', price: 960, parent: videoParent },
};

function maskRule(body) {
	const mask = body.mask;
	if (!mask || (mask.areas === undefined) === (mask.url === undefined))
		throw badRequest('mask must have either areas or url');
	for (const [i, area] of (mask.areas || []).entries())
		if (area.points.length % 2)
			throw badRequest(`mask.areas[${i}].points must be x,y pairs (an even count)`);
}

function videoSourceRule(body) {
	if (body.jobId === undefined && body.prompt === undefined)
		throw badRequest('prompt is required when jobId is not given');
	if (body.jobId !== undefined && body.imageNo === undefined)
		throw badRequest('imageNo is required with jobId');
}

/** The completed task `jobId` names; 404 unknown (or expired), 400 not completed. */
function completedParent(sim, jobId) {
	const parent = sim.findTask(jobId);
	if (!parent) throw new LegnextError(404, `Job ${jobId} not found`);
	if (parent.status !== 'completed')
		throw badRequest(`Job ${jobId} is ${parent.status}; only completed jobs can be used`);
	return parent;
}

/** A grid follow-up: the parent's available_actions must allow `action` on `imageNo`. */
function actionParent(action) {
	return (sim, body) => {
		const parent = completedParent(sim, body.jobId);
		const allowed = parent.output.available_actions?.[action];
		const ok = action === 'reroll' ? allowed === true : allowed?.includes(body.imageNo);
		if (!ok)
			throw badRequest(
				`${action} is not available on job ${parent.job_id}` +
					(action === 'reroll' ? '' : ` image ${body.imageNo}`),
			);
		return parent;
	};
}

function imageParent(sim, body) {
	const parent = completedParent(sim, body.jobId);
	if (!parent.output.image_urls?.[body.imageNo])
		throw badRequest(`Job ${parent.job_id} has no image ${body.imageNo}`);
	return parent;
}

function enhanceParent(sim, body) {
	const parent = imageParent(sim, body);
	if (!/--draft\b/.test(sim.meta.get(parent.job_id).text))
		throw badRequest('enhance needs an image made with --v 7 --draft');
	return parent;
}

function videoParent(sim, body) {
	const parent = completedParent(sim, body.jobId);
	if (!VIDEO_TASKS.has(parent.task_type))
		throw badRequest(`Job ${parent.job_id} is a ${parent.task_type} job, not a video job`);
	if (body.videoNo >= sim.meta.get(parent.job_id).videoCount)
		throw badRequest(`Job ${parent.job_id} has no video ${body.videoNo}`);
	return parent;
}

function extendParent(sim, body) {
	const parent = videoParent(sim, body);
	if (sim.meta.get(parent.job_id).extensions >= MAX_EXTENSIONS)
		throw badRequest(`Video of job ${parent.job_id} was already extended ${MAX_EXTENSIONS} times`);
	return parent;
}

/** The row of `taskType`, with its parent rule resolved. */
function endpointOf(taskType) {
	const row = ENDPOINTS[taskType];
	const parent = row.parent ?? (row.action ? actionParent(row.action) : null);
	return { ...row, parent };
}

const priceOf = (row, body, turbo) =>
	(typeof row.price === 'function' ? row.price(body) : row.price) * (turbo ? 2 : 1);

module.exports = {
	ENDPOINTS,
	TASK_TYPES: Object.keys(ENDPOINTS),
	GRID_ACTIONS,
	endpointOf,
	priceOf,
};
