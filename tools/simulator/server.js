'use strict';
// HTTP server: logging, latency faults, auth, routing of the API, media and control endpoints.
const { ApiError, sendJson, sendEmpty, sendError } = require('./http-util');
const { guardedServer, requestTarget } = require('./server-kit');
const { parseBody, summarizeBody } = require('./body');
const { authError } = require('./auth');
const { takeLatency } = require('./faults');
const { accountHandlers } = require('./accounts');
const { postJob, listRunning, getJob, deleteJob } = require('./jobs');
const { serveDirect, serveProxy, isMediaPath } = require('./media');

const API = '/v3/midjourney';
const ROUTES = [
	['GET', /^\/accounts$/, accountHandlers.list],
	['POST', /^\/accounts$/, accountHandlers.post],
	['POST', /^\/accounts\/reset\/([^/]+)$/, accountHandlers.reset],
	['POST', /^\/accounts\/([^/]+)\/reset$/, accountHandlers.reset], // spelling used in the 596 texts
	['GET', /^\/accounts\/([^/]+)$/, accountHandlers.get],
	['DELETE', /^\/accounts\/([^/]+)$/, accountHandlers.delete],
	['GET', /^\/jobs$/, listRunning],
	['POST', /^\/jobs\/([^/]+)$/, postJob],
	['GET', /^\/jobs\/(.+)$/, getJob],
	['DELETE', /^\/jobs\/(.+)$/, deleteJob],
];

function matchRoute(method, path) {
	if (!path.startsWith(`${API}/`)) return null;
	const rest = path.slice(API.length);
	for (const [m, re, handler] of ROUTES) {
		const match = m === method && re.exec(rest);
		if (match) return { handler, params: match.slice(1) };
	}
	return null;
}

function createServer(sim) {
	return guardedServer(
		'simulator',
		(req, res) => handle(sim, req, res),
		(res, err) => sendJson(res, 500, { error: `Internal simulator error: ${err.message}` }),
	);
}

async function handle(sim, req, res) {
	const { path, query } = requestTarget(req);
	if (path === '/__sim' || path.startsWith('/__sim/')) return control(sim, req, res, path);

	const record = sim.requestLog.open(req.method, path, query);
	res.on('finish', () => {
		record.status = res.statusCode;
		if (req.method === 'POST' && path.startsWith(`${API}/jobs/`)) sim.countResponse(res.statusCode);
	});
	res.on('close', () => {
		if (record.status === null) record.status = res.headersSent ? res.statusCode : 'aborted';
	});

	try {
		if (isMediaPath(path) && (req.method === 'GET' || req.method === 'HEAD'))
			return serveDirect(sim, req, res, path);
		if (path.startsWith('/v3/') || path.startsWith('/v1/')) {
			const ms = takeLatency(sim.faults);
			if (ms) await sim.sleep(ms);
		}
		if (path === '/v1/proxy/cdn-midjourney' && (req.method === 'GET' || req.method === 'HEAD'))
			return serveProxy(sim, req, res, query);

		const route = matchRoute(req.method, path);
		if (!route) throw new ApiError(404, { error: `Not found: ${req.method} ${path}` });
		let bodyPromise;
		const ctx = {
			req,
			res,
			record,
			query,
			body: () =>
				(bodyPromise ??= parseBody(req).then((body) => {
					sim.requestLog.setBody(record, summarizeBody(body));
					return body;
				})),
		};
		// Read (and log) a POST body before auth, so refused requests still show what was sent.
		if (req.method === 'POST') await ctx.body().catch(() => {});
		const denied = authError(sim, req);
		if (denied) throw new ApiError(denied.status, denied.body);
		await route.handler(sim, ctx, ...route.params);
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		if (!res.headersSent) sendError(res, err);
	}
}

/** Unauthenticated control endpoints for tests driving the simulator from another process. */
async function control(sim, req, res, path) {
	const key = `${req.method} ${path.replace(/^\/__sim/, '')}`;
	try {
		if (key === 'GET /log') return sendJson(res, 200, sim.log);
		if (key === 'GET /callbacks') return sendJson(res, 200, sim.callbacks);
		if (key === 'GET /stats') return sendJson(res, 200, sim.stats());
		if (key === 'GET /jobs') return sendJson(res, 200, [...sim.jobs.values()]);
		if (key === 'GET /faults') return sendJson(res, 200, sim.faults);
		if (key === 'GET /config') return sendJson(res, 200, sim.config);
		if (key === 'POST /reset') {
			sim.reset();
			return sendJson(res, 200, { ok: true });
		}
		if (key === 'POST /faults')
			return sendJson(res, 200, sim.setFaults((await parseBody(req)).fields));
		if (key === 'POST /config')
			return sendJson(res, 200, sim.configure((await parseBody(req)).fields));
		const expire = /^POST \/expire\/(.+)$/.exec(key);
		if (expire)
			return sim.expireJob(expire[1])
				? sendEmpty(res, 204)
				: sendJson(res, 404, { error: 'Job not found' });
		sendJson(res, 404, { error: `Unknown control endpoint ${key}` });
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		sendError(res, err);
	}
}

module.exports = { createServer };
