'use strict';
// The task object of facts sheet §4 (create answer, GET answer, callback `data`): every field
// present, empty values rather than absent ones ("" / null / code 0 / Go's zero time), and the
// `output` of each kind of task once completed.
const crypto = require('node:crypto');
const { errorField } = require('./errors');
const { GRID_ACTIONS } = require('./endpoints');

const ZERO_TIME = '0001-01-01T00:00:00Z';
const FINAL = new Set(['completed', 'failed']);

/** RFC 3339, second precision, "Z" (meta timestamps as captured). */
const seconds = (date = new Date()) => `${date.toISOString().slice(0, 19)}Z`;

const emptyOutput = () => ({ image_url: '', image_urls: null, seed: '' });

function newTask({ taskType, callback, usage }) {
	return {
		job_id: crypto.randomUUID(),
		model: 'midjourney',
		task_type: taskType,
		status: 'pending',
		config: { service_mode: 'public', webhook_config: { endpoint: callback ?? '', secret: '' } },
		input: null,
		output: emptyOutput(),
		meta: { created_at: seconds(), started_at: ZERO_TIME, ended_at: ZERO_TIME, usage },
		detail: null,
		logs: [],
		error: errorField(0, ''),
	};
}

/** available_actions of a finished grid: every action on 0-3, reroll allowed. */
function gridActions() {
	const actions = Object.fromEntries(GRID_ACTIONS.map((a) => [a, [0, 1, 2, 3]]));
	return { ...actions, reroll: true };
}

/** An upscale or a single image: no grid action ([choice], the sheet says "probably none"). */
function noActions() {
	return { ...Object.fromEntries(GRID_ACTIONS.map((a) => [a, []])), reroll: false };
}

const seed = () => String(crypto.randomInt(1, 2 ** 32));

const DESCRIPTIONS = [
	'a lighthouse on a cliff at dusk, painterly, warm light --ar 1:1',
	'an old stone lighthouse over a stormy sea, dramatic clouds --ar 1:1',
	'coastal landscape with a white tower, golden hour, oil painting --ar 1:1',
	'minimalist illustration of a beacon by the ocean, soft palette --ar 1:1',
];

function shortened(text) {
	const words = String(text)
		.replace(/\[\[[^\]]*\]\]/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	return [5, 4, 3, 2, 1].map((n) => words.slice(0, n).join(' ') || 'image');
}

/**
 * `output` of a completed task. `urls` are the CDN URLs registered for it:
 * { grid?, images?, videos? }. See README for describe/shorten/video fields ([choice]).
 */
function completedOutput(sim, task, kind, urls, text) {
	const out = emptyOutput();
	if (kind === 'grid') {
		Object.assign(out, { image_url: urls.grid, image_urls: urls.images, seed: seed() });
		out.available_actions = gridActions();
	} else if (kind === 'single') {
		const listed = { null: null, empty: [], list: [urls.images[0]] }[sim.config.upscaleImageUrls];
		Object.assign(out, { image_url: urls.images[0], image_urls: listed, seed: seed() });
		out.available_actions = noActions();
	} else if (kind === 'describe') {
		out.prompts = [...DESCRIPTIONS];
	} else if (kind === 'shorten') {
		out.prompts = shortened(text);
	} else {
		Object.assign(out, { video_url: urls.videos[0], video_urls: urls.videos, seed: seed() });
	}
	return out;
}

module.exports = { newTask, completedOutput, seconds, ZERO_TIME, FINAL, emptyOutput };
