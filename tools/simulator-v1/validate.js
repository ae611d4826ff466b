'use strict';
// A small validator for the JSON-Schema subset the document's request schemas use. It reports
// the first violation as a 400 ErrorResponse whose code names the kind of rule broken:
//   missing_field, invalid_type, invalid_enum, out_of_range, invalid_length, invalid_format.
// JSON bodies are not coerced: "5" is not an integer, null is not a string. Unknown fields are
// ignored (no schema says additionalProperties: false).
const { badRequest } = require('./errors');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const isUuid = (s) => typeof s === 'string' && UUID.test(s);

/** format: uri -> an absolute http(s) URL (the service has to fetch it or POST to it). */
function isHttpUri(s) {
	try {
		const u = new URL(s);
		return (u.protocol === 'http:' || u.protocol === 'https:') && Boolean(u.hostname);
	} catch {
		return false;
	}
}

const FORMATS = {
	uri: [isHttpUri, 'an absolute http(s) URL'],
	uuid: [isUuid, 'a UUID'],
	byte: [(s) => s.length > 0 && BASE64.test(s), 'base64-encoded data'],
};

function typeOk(type, v) {
	if (type === 'string') return typeof v === 'string';
	if (type === 'integer') return Number.isInteger(v);
	if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
	if (type === 'array') return Array.isArray(v);
	if (type === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v);
	return true;
}

const article = (type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Throws the first violation of `schema` by `value` (named `name` in messages). */
function check(schema, value, name) {
	if (!typeOk(schema.type, value))
		throw badRequest('invalid_type', `${name} must be ${article(schema.type)}`);
	if (schema.enum && !schema.enum.includes(value))
		throw badRequest('invalid_enum', `${name} must be one of: ${schema.enum.join(', ')}`);
	if (schema.minimum !== undefined && value < schema.minimum)
		throw badRequest('out_of_range', `${name} must be >= ${schema.minimum}`);
	if (schema.maximum !== undefined && value > schema.maximum)
		throw badRequest('out_of_range', `${name} must be <= ${schema.maximum}`);
	if (schema.minLength !== undefined && value.length < schema.minLength)
		throw badRequest('invalid_length', `${name} must be at least ${schema.minLength} character(s)`);
	if (schema.maxLength !== undefined && value.length > schema.maxLength)
		throw badRequest('invalid_length', `${name} must be at most ${schema.maxLength} characters`);
	if (schema.pattern && !new RegExp(schema.pattern).test(value))
		throw badRequest('invalid_format', `${name} must match ${schema.pattern}`);
	if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format][0](value))
		throw badRequest('invalid_format', `${name} must be ${FORMATS[schema.format][1]}`);
	if (schema.type === 'array') {
		if (schema.minItems !== undefined && value.length < schema.minItems)
			throw badRequest('invalid_length', `${name} must contain at least ${schema.minItems} items`);
		if (schema.maxItems !== undefined && value.length > schema.maxItems)
			throw badRequest('invalid_length', `${name} must contain at most ${schema.maxItems} items`);
		if (schema.items) value.forEach((item, i) => check(schema.items, item, `${name}[${i}]`));
	}
	if (schema.type === 'object') checkObject(schema, value, name);
}

function checkObject(schema, value, prefix) {
	const field = (key) => (prefix ? `${prefix}.${key}` : key);
	for (const key of schema.required || [])
		if (value[key] === undefined) throw badRequest('missing_field', `${field(key)} is required`);
	for (const [key, sub] of Object.entries(schema.properties || {}))
		if (value[key] !== undefined) check(sub, value[key], field(key));
}

/** Validates a request body (already a JSON object) against a request schema. */
function validateBody(schema, body) {
	checkObject(schema, body, '');
	return body;
}

module.exports = { validateBody, check, isUuid, isHttpUri };
