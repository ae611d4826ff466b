'use strict';
// GET /v1/jobs query: status filter, limit/offset pagination and sort, validated like the bodies
// (400 ErrorResponse; the document lists no 400 for this operation, see README.md).
const { ListJobsQuery } = require('./schemas');
const { check } = require('./validate');
const { badRequest } = require('./errors');

/** Query strings are text: integers must be plain decimal digits ("10", not "1e1" or "10.0"). */
function toValue(schema, raw, name) {
	if (schema.type !== 'integer') return raw;
	if (!/^-?\d+$/.test(raw)) throw badRequest('invalid_type', `${name} must be an integer`);
	return Number(raw);
}

/** @returns {{ status?: string, limit: number, offset: number, sort: string }} */
function parseListQuery(query) {
	const out = {};
	for (const [name, schema] of Object.entries(ListJobsQuery)) {
		const raw = query[name];
		if (raw === undefined) {
			if (schema.default !== undefined) out[name] = schema.default;
			continue;
		}
		const value = toValue(schema, raw, name);
		check(schema, value, name);
		out[name] = value;
	}
	return out;
}

module.exports = { parseListQuery };
