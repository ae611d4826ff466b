'use strict';
// Error answers. The facts sheet's only captured error (a 403, §8) is a task object with empty
// fields, `status: "failed"` and the information in `error`; S2 declares `{ error: {...} }`
// instead. Both put `error.code` / `error.message` in the same place: `errorShape` ('task', the
// captured one, or 'envelope') picks the wrapper for every error this simulator answers.
const http = require('node:http');

class LegnextError extends Error {
	/**
	 * @param {number} status HTTP status (also error.code)
	 * @param {string} message error.message
	 * @param {object} [headers] extra response headers (Retry-After)
	 */
	constructor(status, message, headers = {}) {
		super(message);
		this.status = status;
		this.headers = headers;
	}
}

const badRequest = (message) => new LegnextError(400, message);

/** A bare HTTP status (submitErrors / readErrors faults) with its standard reason. */
const plainStatus = (status) =>
	new LegnextError(status, http.STATUS_CODES[status] || `HTTP ${status}`);

const errorField = (code, message) => ({ code, raw_message: '', message, detail: null });

/** The captured 403 body: a task object with empty fields around `error`. */
function taskShaped(code, message) {
	return {
		job_id: '',
		model: '',
		task_type: '',
		status: 'failed',
		config: { service_mode: '', webhook_config: { endpoint: '', secret: '' } },
		input: null,
		output: null,
		meta: null,
		detail: null,
		logs: null,
		error: errorField(code, message),
	};
}

function errorBody(shape, err) {
	if (shape === 'envelope') return { error: errorField(err.status, err.message) };
	return taskShaped(err.status, err.message);
}

module.exports = { LegnextError, badRequest, plainStatus, errorBody, errorField };
