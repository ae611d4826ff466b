'use strict';
// Response helpers and the error every handler throws for a non-2xx answer. Every error body of
// the v2 API carries `code` (the HTTP status), as the document's examples show.
const http = require('node:http');

const MAX_BODY_BYTES = 1024 * 1024;

class ApiError extends Error {
	/** @param {number} status  @param {object} body JSON body (gets `code` when it has none) */
	constructor(status, body) {
		super(body && body.error ? body.error : `HTTP ${status}`);
		this.status = status;
		this.body = body && body.code === undefined ? { ...body, code: status } : body;
	}
}

/** 400 { error, code: 400 } */
const badRequest = (message) => new ApiError(400, { error: message });

/** The generic body of a status without a documented one. */
const statusError = (status) =>
	new ApiError(status, { error: http.STATUS_CODES[status] || 'Error' });

function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

function sendText(res, status, text) {
	res.writeHead(status, {
		'content-type': 'text/plain; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** Reads a JSON object body ({} when empty). 413 beyond 1 MB, 400 when it is not a JSON object. */
function readJson(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let failed = false;
		req.on('data', (chunk) => {
			if (failed) return;
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				failed = true;
				reject(new ApiError(413, { error: `Request body exceeds ${MAX_BODY_BYTES} bytes` }));
				return;
			}
			chunks.push(chunk);
		});
		req.on('error', (e) => !failed && reject(e));
		req.on('end', () => {
			if (failed) return;
			const text = Buffer.concat(chunks)
				.toString('utf8')
				.replace(/^\uFEFF/, '');
			if (!text.trim()) return resolve({});
			let parsed;
			try {
				parsed = JSON.parse(text);
			} catch {
				return reject(badRequest('Invalid JSON body'));
			}
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
				return reject(badRequest('Request body must be a JSON object'));
			resolve(parsed);
		});
	});
}

module.exports = {
	ApiError,
	badRequest,
	statusError,
	sendJson,
	sendText,
	readJson,
	MAX_BODY_BYTES,
};
