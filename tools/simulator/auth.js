'use strict';
// Bearer token check: the configured token passes, expiredTokens get 402, anything else 401.

/** @returns {null | { status: number, body: { error: string } }} */
function authError(sim, req) {
	const header = String(req.headers.authorization || '');
	const m = /^Bearer\s+(.+)$/i.exec(header.trim());
	const token = m ? m[1].trim() : '';
	if (token && token === sim.token) return null;
	if (token && sim.expiredTokens.includes(token)) {
		return { status: 402, body: { error: 'Account has no subscription or subscription expired' } };
	}
	return { status: 401, body: { error: 'Unauthorized' } };
}

module.exports = { authError };
