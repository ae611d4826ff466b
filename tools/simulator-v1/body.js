'use strict';
// Request bodies of the POST endpoints: JSON objects only (every requestBody is application/json).
const { readBody } = require('../simulator/http-util');
const { V1Error, badRequest } = require('./errors');

const MAX_BODY_BYTES = 32 * 1024 * 1024; // five base64 blend images of a few MB each

/** Reads the raw body; 413 ErrorResponse when it is larger than MAX_BODY_BYTES. */
async function readRaw(req) {
	try {
		return (await readBody(req, MAX_BODY_BYTES)).toString('utf8').replace(/^\uFEFF/, '');
	} catch (err) {
		if (err.status === 413)
			throw new V1Error(413, 'payload_too_large', `Request body exceeds ${MAX_BODY_BYTES} bytes`);
		throw err;
	}
}

/** Parses a raw body into an object or throws 400 invalid_json. An empty body is a missing one. */
function parseJsonObject(text) {
	if (!text.trim()) throw badRequest('invalid_json', 'Request body is required (a JSON object)');
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badRequest('invalid_json', 'Request body is not valid JSON');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw badRequest('invalid_json', 'Request body must be a JSON object');
	return parsed;
}

module.exports = { readRaw, parseJsonObject, MAX_BODY_BYTES };
