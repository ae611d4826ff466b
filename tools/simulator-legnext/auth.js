'use strict';
// `x-api-key: <key>` (facts sheet §2; header names are case-insensitive). No Bearer, no query key.
const { LegnextError } = require('./errors');

/** @returns {null | LegnextError} the 401 unless the request carries the key. */
function authError(sim, req) {
	const key = req.headers['x-api-key'];
	if (key === sim.key) return null;
	return new LegnextError(
		401,
		key === undefined ? 'Missing API key: send it in the x-api-key header.' : 'Invalid API key.',
	);
}

module.exports = { authError };
