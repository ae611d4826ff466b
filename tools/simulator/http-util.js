'use strict';
// Response helpers and the error type every handler throws for a non-2xx answer.

class ApiError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {object|string|null} body JSON object, raw string (sent with contentType) or null (empty body)
	 */
	constructor(status, body, contentType) {
		super(typeof body === 'object' && body ? body.error : String(body));
		this.status = status;
		this.body = body;
		this.contentType = contentType;
	}
}

/** 400 {"error": message} */
const badRequest = (message) => new ApiError(400, { error: message });

function sendJson(res, status, body, extraHeaders = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...extraHeaders,
	});
	res.end(text);
}

/** Empty body (204, and the documented 404s "No Content (empty response body)"). */
function sendEmpty(res, status) {
	res.writeHead(status, status === 204 ? {} : { 'content-length': 0 });
	res.end();
}

function sendText(res, status, text, contentType = 'text/plain; charset=utf-8') {
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

function sendError(res, err) {
	if (err.body === null || err.body === undefined) return sendEmpty(res, err.status);
	if (typeof err.body === 'string') return sendText(res, err.status, err.body, err.contentType);
	return sendJson(res, err.status, err.body);
}

/** Collects the request body, refusing more than maxBytes (413). */
function readBody(req, maxBytes) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk) => {
			if (failed) return;
			size += chunk.length;
			if (size > maxBytes) {
				failed = true;
				reject(new ApiError(413, { error: `Request body exceeds ${maxBytes} bytes` }));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => !failed && resolve(Buffer.concat(chunks)));
		req.on('error', (e) => !failed && reject(e));
	});
}

module.exports = { ApiError, badRequest, sendJson, sendEmpty, sendText, sendError, readBody };
