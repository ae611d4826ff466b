'use strict';
// Bearer token check: the configured token passes, expiredTokens get the documented 402,
// anything else (missing, malformed, wrong) the documented 401.
const { ApiError } = require('./http-util');

/** Throws the documented 401/402 unless the request carries the valid API token. */
function checkAuth(sim, req) {
	const m = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization || '').trim());
	const token = m ? m[1].trim() : '';
	if (token && token === sim.token) return;
	if (token && sim.expiredTokens.includes(token))
		throw new ApiError(402, { error: 'Account has no subscription or subscription expired' });
	throw new ApiError(401, { error: 'Unauthorized' });
}

module.exports = { checkAuth };
