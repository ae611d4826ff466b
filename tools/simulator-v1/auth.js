'use strict';
// Bearer auth (components.securitySchemes.bearerAuth): the configured token passes, anything
// else (missing header, other scheme, wrong token) is the documented 401 ErrorResponse.
const { V1Error } = require('./errors');

/** @returns {null | V1Error} */
function authError(sim, req) {
	const header = String(req.headers.authorization || '').trim();
	const m = /^Bearer\s+(\S+)$/i.exec(header);
	if (m && m[1] === sim.token) return null;
	const message = header
		? 'Authentication failed. The API key is invalid or expired.'
		: 'Authentication failed. The API key is missing (Authorization: Bearer <key>).';
	return new V1Error(401, 'unauthorized', message, {
		'www-authenticate': 'Bearer realm="midjourney"',
	});
}

module.exports = { authError };
