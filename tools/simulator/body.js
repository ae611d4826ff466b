'use strict';
// Turns a request body into { fields, files } whatever the content type (JSON, multipart, urlencoded),
// plus the coercions the API applies to form values ("false" -> false, "5" -> 5).
const { readBody, badRequest } = require('./http-util');
const { parseMultipart } = require('./multipart');

const MAX_BODY_BYTES = 64 * 1024 * 1024; // 5 blend images of 10 MB + form overhead

async function parseBody(req) {
	const raw = await readBody(req, MAX_BODY_BYTES);
	const type = String(req.headers['content-type'] || '').toLowerCase();
	if (type.startsWith('multipart/form-data'))
		return parseMultipart(raw, req.headers['content-type']);
	// `curl -d '{...}'` sends JSON labelled as a form: accept it as JSON.
	const looksJson = /^\s*\{/.test(raw.toString('utf8', 0, Math.min(raw.length, 64)));
	if (type.startsWith('application/x-www-form-urlencoded') && !looksJson) {
		return { fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: {} };
	}
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (!text.trim()) return { fields: {}, files: {} };
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw badRequest('Invalid JSON body');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw badRequest('Request body must be a JSON object');
	return { fields: parsed, files: {} };
}

/** `stream` and other booleans: JSON booleans or the strings "true"/"false" of a form. */
function toBool(value, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const s = String(value).trim().toLowerCase();
	if (s === 'false' || s === '0' || s === 'no') return false;
	return true;
}

/** Integer from a number or numeric string; NaN when it is not one; undefined when absent. */
function toInt(value) {
	if (value === undefined || value === null || value === '') return undefined;
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	return Number.isInteger(n) ? n : NaN;
}

/** Optional string parameter: undefined when absent or empty. */
function optString(value) {
	if (value === undefined || value === null) return undefined;
	const s = typeof value === 'string' ? value : String(value);
	return s === '' ? undefined : s;
}

/** What the log keeps of a body: fields as sent, file parts summarized. */
function summarizeBody({ fields, files }) {
	const out = { ...fields };
	for (const [name, f] of Object.entries(files))
		out[name] = { filename: f.filename, size: f.size, contentType: f.contentType };
	return out;
}

module.exports = { parseBody, toBool, toInt, optString, summarizeBody, MAX_BODY_BYTES };
