'use strict';
// HTTP server: request log, media, latency fault, body reading, Bearer auth, routing (404/405).
const { guardedServer, requestTarget, openRecord } = require('../simulator/server-kit');
const { sendJson } = require('../simulator/http-util');
const { V1Error, sendError } = require('./errors');
const { readRaw } = require('./body');
const { authError } = require('./auth');
const { submit } = require('./submit');
const { getJob, listJobs, cancel } = require('./jobs');
const { isMediaPath, serveMedia } = require('./media');

const ROUTES = [
	['POST', /^\/v1\/imagine$/, (sim, ctx) => submit(sim, ctx, 'imagine'), true],
	['POST', /^\/v1\/upscale$/, (sim, ctx) => submit(sim, ctx, 'upscale'), true],
	['POST', /^\/v1\/variations$/, (sim, ctx) => submit(sim, ctx, 'variations'), true],
	['POST', /^\/v1\/describe$/, (sim, ctx) => submit(sim, ctx, 'describe'), true],
	['POST', /^\/v1\/blend$/, (sim, ctx) => submit(sim, ctx, 'blend'), true],
	['GET', /^\/v1\/jobs$/, listJobs],
	['GET', /^\/v1\/jobs\/([^/]+)$/, getJob],
	['POST', /^\/v1\/jobs\/([^/]+)\/cancel$/, cancel],
];

/** { handler, params, isSubmit } | { allow: [...] } (path known, method not) | null */
function matchRoute(method, path) {
	const allow = [];
	for (const [m, re, handler, isSubmit] of ROUTES) {
		const match = re.exec(path);
		if (!match) continue;
		if (m === method) return { handler, params: match.slice(1), isSubmit: Boolean(isSubmit) };
		allow.push(m);
	}
	return allow.length ? { allow } : null;
}

function createServer(sim) {
	return guardedServer(
		'simulator-v1',
		(req, res) => handle(sim, req, res),
		(res, err) =>
			sendJson(res, 500, { status: 'ERROR', code: 'internal_error', message: err.message }),
	);
}

async function handle(sim, req, res) {
	const { path, query } = requestTarget(req);
	const route = matchRoute(req.method, path);
	const record = openRecord(sim, req, res, { path, query, isSubmit: Boolean(route?.isSubmit) });

	if (isMediaPath(path)) return serveMedia(sim, req, res, path);
	try {
		if (sim.faults.latencyMs) await sim.sleep(sim.faults.latencyMs);
		const ctx = { req, res, record, query, rawBody: '' };
		// Read (and log) a POST body before auth, so refused requests still show what was sent.
		if (req.method === 'POST') {
			ctx.rawBody = await readRaw(req);
			if (ctx.rawBody) sim.requestLog.setBody(record, ctx.rawBody);
		}
		if (path === '/v1' || path.startsWith('/v1/')) {
			const denied = authError(sim, req);
			if (denied) throw denied;
		}
		if (!route) throw new V1Error(404, 'not_found', `No endpoint ${req.method} ${path}`);
		if (route.allow)
			throw new V1Error(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, {
				allow: route.allow.join(', '),
			});
		await route.handler(sim, ctx, ...route.params);
	} catch (err) {
		if (!(err instanceof V1Error)) throw err;
		if (!res.headersSent && !res.destroyed) sendError(res, err);
	}
}

module.exports = { createServer };
