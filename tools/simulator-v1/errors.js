'use strict';
// The documented ErrorResponse `{ status: 'ERROR', code, message }` and the error type every
// handler throws for a non-2xx answer. The document enumerates no codes; ours are listed in README.md.
const http = require('node:http');
const { sendJson } = require('../simulator/http-util');

class V1Error extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {string} code machine-readable code (ErrorResponse.code)
	 * @param {string} message human-readable text (ErrorResponse.message)
	 * @param {object} [headers] extra response headers (Allow, WWW-Authenticate, Retry-After)
	 */
	constructor(status, code, message, headers = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers;
	}

	get body() {
		return { status: 'ERROR', code: this.code, message: this.message };
	}
}

const badRequest = (code, message) => new V1Error(400, code, message);

/** Code of a bare HTTP status (submitErrors / readErrors faults): 503 -> service_unavailable. */
function statusCode(status) {
	const text = http.STATUS_CODES[status] || 'error';
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
}

/** An error answering only an HTTP status, with its standard reason as message. */
const plainStatus = (status) =>
	new V1Error(status, statusCode(status), http.STATUS_CODES[status] || `HTTP ${status}`);

function sendError(res, err) {
	sendJson(res, err.status, err.body, err.headers);
}

module.exports = { V1Error, badRequest, plainStatus, statusCode, sendError };
