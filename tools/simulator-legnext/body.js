'use strict';
// Request bodies: JSON objects, parsed and schema-checked by the /v1 simulator's reader and
// validator; their errors become this API's 400 (message kept).
const { V1Error } = require('../simulator-v1/errors');
const { readRaw: readV1, parseJsonObject } = require('../simulator-v1/body');
const { validateBody } = require('../simulator-v1/validate');
const { LegnextError } = require('./errors');

function translated(fn) {
	try {
		return fn();
	} catch (err) {
		if (err instanceof V1Error) throw new LegnextError(err.status, err.message);
		throw err;
	}
}

async function readRaw(req) {
	try {
		return await readV1(req);
	} catch (err) {
		if (err instanceof V1Error) throw new LegnextError(err.status, err.message);
		throw err;
	}
}

/** Reads the raw body and stores it in the request's log record. */
async function readLogged(sim, req, record) {
	const raw = await readRaw(req);
	if (raw) sim.requestLog.setBody(record, raw);
	return raw;
}

/** The body as an object valid against `schema`, or the 400. */
const parseBody = (raw, schema) => translated(() => validateBody(schema, parseJsonObject(raw)));

module.exports = { readLogged, parseBody };
