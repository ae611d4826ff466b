'use strict';
// The API origin: request log, latency fault, body reading, x-api-key auth, routing. Every path
// is under /api; unknown paths answer 404 in the error shape.
const { guardedServer, requestTarget, openRecord } = require('../simulator/server-kit');
const { LegnextError } = require('./errors');
const { readLogged } = require('./body');
const { authError } = require('./auth');
const { submit } = require('./submit');
const { getJob, getBalance, getInfo, getActiveTasks } = require('./reads');
const { TASK_TYPES } = require('./endpoints');
const { sendError } = require('./send');

const SUBMIT = new RegExp(`^/api/v1/(${TASK_TYPES.join('|')})$`);
const ROUTES = [
	['GET', /^\/api\/v1\/job\/([^/]+)$/, getJob, { jobRead: true }],
	['GET', /^\/api\/account\/balance$/, getBalance],
	['GET', /^\/api\/account\/info$/, getInfo, { s2Only: true }],
	['GET', /^\/api\/account\/active_tasks$/, getActiveTasks, { s2Only: true }],
	['POST', SUBMIT, submit, { isSubmit: true }],
];

function matchRoute(sim, method, path) {
	for (const [m, re, handler, flags = {}] of ROUTES) {
		const match = re.exec(path);
		if (!match || m !== method) continue;
		if (flags.s2Only && !sim.config.s2OnlyEndpoints) return null;
		return { handler, params: match.slice(1), ...flags };
	}
	return null;
}

function createServer(sim) {
	return guardedServer(
		'simulator-legnext',
		(req, res) => handle(sim, req, res),
		(res, err) => sendError(sim, res, new LegnextError(500, err.message)),
	);
}

async function handle(sim, req, res) {
	const { path, query } = requestTarget(req);
	const route = matchRoute(sim, req.method, path);
	const record = openRecord(sim, req, res, { path, query, isSubmit: Boolean(route?.isSubmit) });
	try {
		await sim.sleep(sim.faults.latencyMs);
		// The body is read (and logged) before auth, so refused requests still show what was sent.
		const rawBody = req.method === 'POST' ? await readLogged(sim, req, record) : '';
		const ctx = { req, res, record, query, rawBody };
		const keyOptional = route?.jobRead && !sim.config.jobReadNeedsKey;
		const denied = !keyOptional && authError(sim, req);
		if (denied) throw denied;
		if (!route) throw new LegnextError(404, `No endpoint ${req.method} ${path}`);
		await route.handler(sim, ctx, ...route.params);
	} catch (err) {
		if (!(err instanceof LegnextError)) throw err;
		if (!res.headersSent && !res.destroyed) await sendError(sim, res, err);
	}
}

module.exports = { createServer };
