'use strict';
// Writing answers, whole or — with the trickleMs fault — 64 bytes at a time, trickleMs apart
// (a slow server; the headers go out at once).
const { errorBody } = require('./errors');

const TRICKLE_BYTES = 64;

async function writeBody(sim, res, buffers) {
	if (!sim.faults.trickleMs) {
		for (const b of buffers) res.write(b);
		return res.end();
	}
	const whole = Buffer.concat(buffers);
	for (let off = 0; off < whole.length && !res.destroyed; off += TRICKLE_BYTES) {
		res.write(whole.subarray(off, off + TRICKLE_BYTES));
		await sim.sleep(sim.faults.trickleMs);
	}
	res.end();
}

function sendJson(sim, res, status, body, headers = {}) {
	const buf = Buffer.from(JSON.stringify(body));
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': buf.length,
		...headers,
	});
	return writeBody(sim, res, [buf]);
}

function sendError(sim, res, err) {
	return sendJson(sim, res, err.status, errorBody(sim.config.errorShape, err), err.headers);
}

module.exports = { sendJson, sendError, writeBody };
