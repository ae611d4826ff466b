'use strict';
// The request schemas of the document (components.schemas.*Request), transcribed as data for
// validate.js. Only the keywords the document uses: type, required, enum, minimum/maximum,
// minLength/maxLength, pattern, format (uri, uuid, byte), minItems/maxItems, items.
// `default` is applied by the handlers (job-model.js), not here.

const ASPECT_RATIO = { type: 'string', pattern: '^[0-9]+:[0-9]+$' };
const WEBHOOK = {
	webhook_url: { type: 'string', format: 'uri' },
	webhook_type: { type: 'string', enum: ['progress', 'result'] },
};
const GRID_INDEX = { type: 'integer', minimum: 1, maximum: 4 };

const ImagineRequest = {
	type: 'object',
	required: ['prompt'],
	properties: {
		prompt: { type: 'string', minLength: 1, maxLength: 4000 },
		aspect_ratio: ASPECT_RATIO,
		model_version: { type: 'string', enum: ['5.2', '6.0', '6.1', '7.0'] },
		process_mode: { type: 'string', enum: ['fast', 'turbo', 'relax'] },
		quality: { type: 'number', enum: [0.25, 0.5, 1.0, 2.0] },
		stylize: { type: 'integer', minimum: 0, maximum: 1000 },
		chaos: { type: 'integer', minimum: 0, maximum: 100 },
		seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
		no: { type: 'string' },
		image_url: { type: 'string', format: 'uri' },
		...WEBHOOK,
	},
};

const UpscaleRequest = {
	type: 'object',
	required: ['job_id', 'index'],
	properties: { job_id: { type: 'string', format: 'uuid' }, index: GRID_INDEX, ...WEBHOOK },
};

const VariationRequest = UpscaleRequest;

const DescribeRequest = {
	type: 'object',
	properties: {
		image_url: { type: 'string', format: 'uri' },
		image_base64: { type: 'string', format: 'byte' },
		...WEBHOOK,
	},
};

const BlendRequest = {
	type: 'object',
	required: ['images'],
	properties: {
		images: {
			type: 'array',
			minItems: 2,
			maxItems: 5,
			items: {
				type: 'object',
				properties: {
					url: { type: 'string', format: 'uri' },
					base64: { type: 'string', format: 'byte' },
				},
			},
		},
		aspect_ratio: ASPECT_RATIO,
		prompt: { type: 'string', maxLength: 4000 },
		...WEBHOOK,
	},
};

/** GET /v1/jobs query parameters (strings on the wire, see list-query.js). */
const ListJobsQuery = {
	status: { type: 'string', enum: ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] },
	limit: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
	offset: { type: 'integer', minimum: 0, default: 0 },
	sort: { type: 'string', enum: ['created_at_asc', 'created_at_desc'], default: 'created_at_desc' },
};

module.exports = {
	ImagineRequest,
	UpscaleRequest,
	VariationRequest,
	DescribeRequest,
	BlendRequest,
	ListJobsQuery,
};
