'use strict';
// Parameter validation of every POST /jobs/<verb>, with the docs' messages. Each validator returns
// the job spec the route needs: echo of the request, channel mode, jobType, result kind, parent...
const { ApiError, badRequest } = require('./http-util');
const { toBool, optString } = require('./body');
const { isHttpUrl } = require('./util');
const { REPLY_LEVELS } = require('./webhooks');
const { ALL_BUTTONS, EXECUTE_ONCE, buttonOutcome } = require('./buttons');
const { JOB_ID_PATTERN } = require('./job-model');

const MAX_PROMPT = 5000;
const MAX_REPLY = 1024;
const MAX_FILE = 10 * 1024 * 1024;
const SETTINGS_VERBS = ['settings', 'info', 'fast', 'relax', 'turbo', 'remix', 'variability'];

/** Parameters every verb accepts: channel, stream, replyUrl, replyRef, replyLevel. */
function commonParams(fields) {
	const replyUrl = optString(fields.replyUrl);
	const replyRef = optString(fields.replyRef);
	const replyLevel = optString(fields.replyLevel);
	if (replyUrl !== undefined) {
		if (replyUrl.length > MAX_REPLY)
			throw badRequest(`Parameter replyUrl is too long (maximum ${MAX_REPLY} characters)`);
		if (!isHttpUrl(replyUrl)) throw badRequest('Parameter replyUrl must be a valid http(s) URL');
	}
	if (replyRef !== undefined && replyRef.length > MAX_REPLY)
		throw badRequest(`Parameter replyRef is too long (maximum ${MAX_REPLY} characters)`);
	if (replyLevel !== undefined && !REPLY_LEVELS.includes(replyLevel)) {
		throw badRequest(`Parameter replyLevel must be one of: ${REPLY_LEVELS.join(', ')}`);
	}
	const streamGiven = fields.stream !== undefined && fields.stream !== null && fields.stream !== '';
	return {
		channel: optString(fields.channel),
		stream: toBool(fields.stream, true),
		streamGiven,
		replyUrl,
		replyRef,
		replyLevel: replyLevel || 'all',
	};
}

function checkPrompt(value, required) {
	const prompt = optString(value);
	if (prompt === undefined || !prompt.trim()) {
		if (required) throw badRequest('Parameter prompt is required');
		return undefined;
	}
	if (prompt.length > MAX_PROMPT)
		throw badRequest(`Parameter prompt is too long (maximum ${MAX_PROMPT} characters)`);
	return prompt;
}

/** A blob parameter must be a multipart file part; a plain text field of that name is refused. */
function fileParam(body, name) {
	if (body.fields[name] !== undefined && body.fields[name] !== '') {
		throw badRequest(
			`Parameter ${name} must be uploaded as a file (Content-Type: multipart/form-data)`,
		);
	}
	return body.files[name];
}

function checkFile(file, name) {
	if (file && file.size > MAX_FILE)
		throw badRequest(`Parameter ${name} exceeds the maximum file size of 10 MB`);
	if (file && file.size === 0) throw badRequest(`Parameter ${name} is empty`);
}

function checkUrl(value, name) {
	const url = optString(value);
	if (url !== undefined && !isHttpUrl(url))
		throw badRequest(`Parameter ${name} must be a valid URL`);
	return url;
}

/** Midjourney shows the prompt with the account's suffix appended. */
const withSuffix = (prompt) =>
	/--(v|version|niji)\b/.test(prompt) ? prompt : `${prompt} --v 7.0 --s 250`;

/** Looks up the parent of a button/seed job (404/410 as documented). */
function parentJob(sim, jobId) {
	const parent = sim.jobs.get(jobId);
	if (!parent) throw new ApiError(404, { error: 'Parent job not found' });
	const meta = sim.meta.get(jobId);
	if (meta.expired) throw new ApiError(410, { error: 'Parent job has expired' });
	return { parent, meta };
}

function requireJobId(fields) {
	const jobId = optString(fields.jobId);
	if (!jobId) throw badRequest('jobId is required');
	if (!JOB_ID_PATTERN.test(jobId)) throw badRequest(`jobId ${jobId} is not a valid v3 job id`);
	return jobId;
}

const VALIDATORS = {
	imagine(sim, { fields }) {
		const prompt = checkPrompt(fields.prompt, true);
		const video = /(^|\s)--video\b/.test(prompt);
		return {
			mode: 'auto',
			jobType: video ? 'video' : 'image',
			kind: video ? 'videoGrid' : 'grid',
			prompt,
			markerText: prompt,
			title: withSuffix(prompt),
			echo: { prompt },
		};
	},

	button(sim, { fields }) {
		const jobId = requireJobId(fields);
		const button = optString(fields.button);
		if (!button) throw badRequest('button is required');
		if (!ALL_BUTTONS.includes(button))
			throw badRequest(`Parameter button "${button}" is not a supported button`);
		const prompt = checkPrompt(fields.prompt, false);
		const mask = optString(fields.mask);
		const { parent, meta: parentMeta } = parentJob(sim, jobId);
		if (parent.status !== 'completed')
			throw badRequest(
				`Parent job status is "${parent.status}", must be "completed" to execute button`,
			);
		const available = parent.response?.buttons || [];
		if (!available.includes(button)) {
			throw badRequest(
				`Button ${button} is not available for job ${jobId}. Available buttons: ${available.join(', ') || 'none'}`,
			);
		}
		if (button === 'Vary (Region)' && !mask)
			throw badRequest('Parameter mask is required for Vary (Region) button');
		if (button === 'Custom Zoom' && !prompt)
			throw badRequest('Parameter prompt is required for Custom Zoom button');
		const outcome = buttonOutcome(button, parent.jobType);
		return {
			mode: 'parent',
			channel: parentMeta.channel,
			jobType: outcome.jobType,
			kind: outcome.kind,
			button,
			parent,
			executeOnceKey: EXECUTE_ONCE.has(button) ? button : undefined,
			prompt: prompt ?? parentMeta.prompt,
			markerText: prompt, // markers of the parent's prompt are not inherited
			title: prompt ? withSuffix(prompt) : parentMeta.title,
			echo: { button, jobId, ...(prompt ? { prompt } : {}), ...(mask ? { mask } : {}) },
		};
	},

	describe(sim, body) {
		const imageUrl = checkUrl(body.fields.imageUrl, 'imageUrl');
		const blob = fileParam(body, 'imageBlob');
		if (imageUrl && blob)
			throw badRequest('Parameters imageUrl and imageBlob are mutually exclusive');
		if (!imageUrl && !blob) throw badRequest('Either imageUrl or imageBlob is required');
		checkFile(blob, 'imageBlob');
		return {
			mode: 'auto',
			kind: 'describe',
			settingsType: true,
			title: '',
			echo: { describeUrl: imageUrl || 'blob' },
		};
	},

	blend(sim, body) {
		const { fields, files } = body;
		for (const name of [...Object.keys(fields), ...Object.keys(files)]) {
			const m = /^image(?:Url|Blob)_(\d+)$/.exec(name);
			if (m && (Number(m[1]) < 1 || Number(m[1]) > 5))
				throw badRequest(
					'Maximum 5 images are supported for blend (imageUrl_1..5 / imageBlob_1..5)',
				);
		}
		const blendUrls = [];
		for (let i = 1; i <= 5; i++) {
			const url = checkUrl(fields[`imageUrl_${i}`], `imageUrl_${i}`);
			const blob = fileParam(body, `imageBlob_${i}`);
			if (url && blob) throw badRequest(`Cannot specify both imageUrl_${i} and imageBlob_${i}`);
			checkFile(blob, `imageBlob_${i}`);
			if (url) blendUrls.push(url);
			else if (blob) blendUrls.push(`blob_${i - 1}`);
			else if (i <= 2) throw badRequest('At least 2 images are required for blend');
		}
		const dims = optString(fields.blendDimensions);
		if (dims !== undefined && !['Portrait', 'Square', 'Landscape'].includes(dims)) {
			throw badRequest('Parameter blendDimensions must be one of: Portrait, Square, Landscape');
		}
		const ar = { Portrait: '2:3', Landscape: '3:2' }[dims] || '1:1';
		return {
			mode: 'auto',
			jobType: 'image',
			kind: 'grid',
			title: ` --ar ${ar} --v 7.0 --s 250`,
			echo: { blendUrls, ...(dims ? { blendDimensions: dims } : {}) },
		};
	},

	seed(sim, { fields }) {
		const jobId = requireJobId(fields);
		const { parent, meta: parentMeta } = parentJob(sim, jobId);
		if (parent.status !== 'completed')
			throw badRequest(`Parent job status is "${parent.status}", must be "completed" to get seed`);
		if (parent.jobType !== 'image')
			throw badRequest(
				`Parent job jobType is "${parent.jobType}", must be "image" to get seed (video jobs are not supported)`,
			);
		return {
			mode: 'parent',
			channel: parentMeta.channel,
			kind: 'seed',
			settingsType: true,
			parent,
			executeOnceKey: 'seed',
			prompt: parentMeta.prompt,
			title: parentMeta.title,
			parentUuid: parentMeta.uuid,
			echo: { jobId },
		};
	},
};

for (const verb of SETTINGS_VERBS)
	VALIDATORS[verb] = () => ({
		mode: 'single',
		kind: verb,
		settingsType: true,
		title: '',
		echo: {},
	});

/** @returns {null | object} the job spec, null when the verb does not exist */
function validateJob(sim, verb, body) {
	const validator = VALIDATORS[verb];
	if (!validator) return null;
	const common = commonParams(body.fields);
	const spec = validator(sim, body);
	return {
		...spec,
		verb,
		common,
		countsCapacity: Boolean(spec.jobType),
		channel: spec.channel ?? common.channel,
	};
}

module.exports = { validateJob, VERBS: Object.keys(VALIDATORS) };
