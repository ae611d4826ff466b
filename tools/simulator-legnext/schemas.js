'use strict';
// The request bodies of facts sheet §3.1/§3.2 (S2's types, enums and ranges), as data for the
// /v1 simulator's small JSON-Schema validator. Rules that a schema cannot say (inpaint's mask
// areas-or-url, video-diffusion's job-or-prompt) live in endpoints.js.

const TEXT = { type: 'string', minLength: 1, maxLength: 8192 };
const JOB_ID = { type: 'string', format: 'uuid' };
const INDEX = { type: 'integer', minimum: 0, maximum: 3 };
const URL_1024 = { type: 'string', format: 'uri', maxLength: 1024 };
const SIDE = { type: 'integer', minimum: 500, maximum: 4096 };
const CALLBACK = { callback: { type: 'string', format: 'uri' } };

const CANVAS = {
	type: 'object',
	required: ['width', 'height'],
	properties: { width: { type: 'integer', minimum: 1 }, height: { type: 'integer', minimum: 1 } },
};
const IMG_POS = {
	type: 'object',
	required: ['width', 'height', 'x', 'y'],
	properties: {
		width: { type: 'integer', minimum: 1 },
		height: { type: 'integer', minimum: 1 },
		x: { type: 'integer' },
		y: { type: 'integer' },
	},
};
const MASK = {
	type: 'object',
	properties: {
		areas: {
			type: 'array',
			minItems: 1,
			items: {
				type: 'object',
				required: ['width', 'height', 'points'],
				properties: {
					width: SIDE,
					height: SIDE,
					points: { type: 'array', minItems: 6, items: { type: 'integer', minimum: 0 } },
				},
			},
		},
		url: { type: 'string', format: 'uri' },
	},
};

const body = (required, properties) => ({
	type: 'object',
	required,
	properties: { ...properties, ...CALLBACK },
});
const onImage = { jobId: JOB_ID, imageNo: INDEX };

/** upscale `type`: S1/S2 enum 0/1; S5's 2 ("2x") and 3 ("4x") only with upscaleExtraTypes. */
const upscale = (extra) =>
	body(['jobId', 'imageNo', 'type'], {
		...onImage,
		type: { type: 'integer', enum: extra ? [0, 1, 2, 3] : [0, 1] },
	});

const SCHEMAS = {
	diffusion: body(['text'], { text: TEXT }),
	variation: body(['jobId', 'imageNo', 'type'], {
		...onImage,
		type: { type: 'integer', enum: [0, 1] },
		remixPrompt: TEXT,
	}),
	reroll: body(['jobId'], { jobId: JOB_ID }),
	pan: body(['jobId', 'imageNo', 'direction', 'scale'], {
		...onImage,
		direction: { type: 'integer', enum: [0, 1, 2, 3] },
		scale: { type: 'number', minimum: 1.1, maximum: 3.0 },
		remixPrompt: TEXT,
	}),
	outpaint: body(['jobId', 'imageNo', 'scale'], {
		...onImage,
		scale: { type: 'number', minimum: 1.1, maximum: 2.0 },
		remixPrompt: TEXT,
	}),
	inpaint: body(['jobId', 'imageNo', 'mask'], { ...onImage, mask: MASK, remixPrompt: TEXT }),
	remix: body(['jobId', 'imageNo', 'remixPrompt', 'mode'], {
		...onImage,
		remixPrompt: TEXT,
		mode: { type: 'integer', enum: [0, 1] },
	}),
	edit: body(['jobId', 'imageNo', 'canvas', 'imgPos', 'remixPrompt'], {
		...onImage,
		canvas: CANVAS,
		imgPos: IMG_POS,
		remixPrompt: TEXT,
	}),
	blend: body(['imgUrls', 'aspect_ratio'], {
		imgUrls: { type: 'array', minItems: 2, maxItems: 5, items: { type: 'string', format: 'uri' } },
		aspect_ratio: { type: 'string', enum: ['2:3', '1:1', '3:2'] },
	}),
	describe: body(['imgUrl'], { imgUrl: { type: 'string', format: 'uri' } }),
	shorten: body(['prompt'], { prompt: TEXT }),
	'upload-paint': body(['imgUrl', 'canvas', 'imgPos', 'remixPrompt', 'mask'], {
		imgUrl: URL_1024,
		canvas: CANVAS,
		imgPos: IMG_POS,
		remixPrompt: TEXT,
		mask: MASK,
	}),
	retexture: body(['imgUrl', 'remixPrompt'], { imgUrl: URL_1024, remixPrompt: TEXT }),
	'remove-background': body(['imgUrl'], { imgUrl: URL_1024 }),
	enhance: body(['jobId', 'imageNo'], onImage),
	'video-diffusion': body([], {
		...onImage,
		prompt: TEXT,
		videoType: { type: 'integer', enum: [0, 1] },
	}),
	'extend-video': body(['jobId', 'videoNo'], { jobId: JOB_ID, videoNo: INDEX, prompt: TEXT }),
	'video-upscale': body(['jobId', 'videoNo'], { jobId: JOB_ID, videoNo: INDEX }),
};

function schemaFor(taskType, sim) {
	return taskType === 'upscale' ? upscale(sim.config.upscaleExtraTypes) : SCHEMAS[taskType];
}

module.exports = { schemaFor };
