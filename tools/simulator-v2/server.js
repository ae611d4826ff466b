'use strict';
// HTTP server: request log, latency fault, bearer auth, routing of the v2 API and the media files.
const { guardedServer, requestTarget } = require('../simulator/server-kit');
const { ApiError, sendJson, readJson } = require('./http-util');
const { checkAuth } = require('./auth');
const { postImagine, getJob } = require('./jobs');
const { resetChannel } = require('./accounts');
const { isMediaPath, serveMedia } = require('./media');

const IMAGINE = '/v2/jobs/imagine';
const ROUTES = [
	['POST', /^\/v2\/jobs\/imagine$/, postImagine],
	['GET', /^\/v2\/jobs$/, getJob], // jobs/?jobid=<jobid> (the trailing slash is dropped)
	['POST', /^\/v2\/account\/midjourney\/([^/]+)\/reset$/, resetChannel],
];

function createServer(sim) {
	return guardedServer(
		'simulator-v2',
		(req, res) => handle(sim, req, res),
		(res, err) =>
			sendJson(res, 500, { error: `Internal simulator error: ${err.message}`, code: 500 }),
	);
}

async function handle(sim, req, res) {
	const { path, query } = requestTarget(req);

	const record = sim.requestLog.open(req.method, path, query);
	res.on('finish', () => {
		record.status = res.statusCode;
		if (req.method === 'POST' && path === IMAGINE) sim.countResponse(res.statusCode);
	});
	res.on('close', () => {
		if (record.status === null) record.status = res.headersSent ? res.statusCode : 'aborted';
	});

	try {
		if (isMediaPath(path) && (req.method === 'GET' || req.method === 'HEAD'))
			return serveMedia(sim, req, res, path);
		if (sim.faults.latencyMs && path.startsWith('/v2/')) await sim.sleep(sim.faults.latencyMs);

		let bodyPromise;
		const ctx = {
			req,
			res,
			record,
			query,
			body: () =>
				(bodyPromise ??= readJson(req).then((body) => {
					sim.requestLog.setBody(record, body);
					return body;
				})),
		};
		// Read (and log) a POST body before auth, so refused requests still show what was sent.
		if (req.method === 'POST') await ctx.body().catch(() => {});
		const route = ROUTES.map(([m, re, fn]) => m === req.method && [re.exec(path), fn]).find(
			(r) => r && r[0],
		);
		if (!route) throw new ApiError(404, { error: `Not found: ${req.method} ${path}` });
		checkAuth(sim, req);
		await route[1](sim, ctx, ...route[0].slice(1));
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		if (!res.headersSent && !res.destroyed) sendJson(res, err.status, err.body);
	}
}

module.exports = { createServer };
