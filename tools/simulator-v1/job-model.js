'use strict';
// The public Job object (components.schemas.Job) and what goes into it: parameters with the
// documented defaults, image sizes from the aspect ratio, and the JobResult of each job type.
// Every documented key is always present; absent values are null (result, error, completed_at,
// prompt), so clients see one stable shape.
const crypto = require('node:crypto');
const { laterIso } = require('../simulator/util');
const { badRequest } = require('./errors');

const DEFAULTS = {
	aspect_ratio: '1:1',
	model_version: '7.0', // the schema gives no default: the newest enum value, as Midjourney does
	process_mode: 'fast',
	quality: 1.0,
	stylize: 100,
};
const CELL_AREA = 1024 * 1024; // one grid image of a 1:1 job is 1024 x 1024
const MIN_SIDE = 16;
const MAX_SIDE = 4096;

/** "16:9" -> [16, 9]; zero sides are refused (the pattern alone allows "0:0"). */
function ratioOf(aspect) {
	const [w, h] = aspect.split(':').map(Number);
	if (!(w > 0 && h > 0))
		throw badRequest('invalid_format', 'aspect_ratio sides must be positive integers (W:H)');
	return [w, h];
}

const round8 = (n) => Math.min(MAX_SIDE, Math.max(MIN_SIDE, Math.round(n / 8) * 8));

/** Size of one grid image: about 1 megapixel with the requested ratio, sides multiples of 8. */
function cellSize(aspect) {
	const [w, h] = ratioOf(aspect);
	const width = Math.sqrt((CELL_AREA * w) / h);
	return { width: round8(width), height: round8(CELL_AREA / width) };
}

/** Job.parameters of an imagine: body fields, then prompt flags, then the documented defaults. */
function imagineParameters(body, flags) {
	const pick = (key) => body[key] ?? flags[key];
	const params = {
		aspect_ratio: pick('aspect_ratio') ?? DEFAULTS.aspect_ratio,
		model_version: pick('model_version') ?? DEFAULTS.model_version,
		process_mode: body.process_mode ?? DEFAULTS.process_mode,
		quality: pick('quality') ?? DEFAULTS.quality,
		stylize: pick('stylize') ?? DEFAULTS.stylize,
		seed: pick('seed') ?? crypto.randomInt(0, 2 ** 32), // Midjourney picks one when none is given
	};
	// Accepted by ImagineRequest but absent from Job.parameters: echoed only when sent.
	for (const key of ['chaos', 'no', 'image_url'])
		if (pick(key) !== undefined) params[key] = pick(key);
	ratioOf(params.aspect_ratio);
	return params;
}

function newJob({ type, prompt, parameters }) {
	const now = laterIso();
	return {
		id: crypto.randomUUID(),
		type,
		status: 'pending',
		progress: 0,
		prompt: prompt ?? null,
		parameters,
		result: null,
		error: null,
		created_at: now,
		updated_at: now,
		completed_at: null,
	};
}

/** Moves `updated_at` strictly forward (every change of a job is visible in it). */
function touch(job) {
	job.updated_at = laterIso(job.updated_at);
	return job.updated_at;
}

/** The JobResult of a completed job; registers its PNGs with the media store. */
function buildResult(sim, job, meta) {
	if (job.type === 'describe') return { images: [], prompts: describePrompts(meta) };
	const base = `/media/${job.id}`;
	const cell = meta.cell;
	const image = (name, index, width, height) => ({
		url: sim.media.image(`${base}/${name}.png`, width, height, `${job.id}/${name}`),
		index,
		width,
		height,
		content_type: 'image/png',
	});
	if (job.type === 'upscale')
		return { images: [image('upscale', null, cell.width * 2, cell.height * 2)] };
	const images = [image('grid', null, cell.width * 2, cell.height * 2)];
	for (let i = 1; i <= 4; i++) images.push(image(String(i), i, cell.width, cell.height));
	return { images };
}

const SUBJECTS = [
	'an abstract striped poster',
	'a minimalist banner',
	'a flat two-tone pattern',
	'a retro test card',
];
const STYLES = [
	'bold graphic design',
	'muted pastel palette',
	'high contrast lighting',
	'clean vector art',
];

/** Four deterministic prompt suggestions for a describe job (seeded by its source). */
function describePrompts(meta) {
	const digest = crypto.createHash('sha1').update(String(meta.source)).digest();
	return SUBJECTS.map(
		(subject, i) => `${subject}, ${STYLES[(digest[i] + i) % STYLES.length]} --ar 1:1`,
	);
}

module.exports = { DEFAULTS, cellSize, imagineParameters, newJob, touch, buildResult, ratioOf };
