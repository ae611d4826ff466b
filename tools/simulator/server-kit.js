'use strict';
// What every simulator's HTTP server does alike: a handler whose unexpected failure answers 500
// (or cuts a response already begun), and the request target read as a decoded path without
// its trailing slash plus the query as an object.
const http = require('node:http');
const { safeDecode } = require('./util');

/**
 * @param {string} label prefix of the console line for an unexpected error
 * @param {(req, res) => Promise<void>} handle
 * @param {(res, err) => void} answer500 writes the simulator's own 500 body
 */
function guardedServer(label, handle, answer500) {
	return http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			console.error(`[${label}] unexpected error`, err);
			if (!res.headersSent) answer500(res, err);
			else res.destroy();
		});
	});
}

/** { path, query } of a request: '/v1/jobs/' -> '/v1/jobs', '%20' decoded. */
function requestTarget(req) {
	const url = new URL(req.url, 'http://simulator.local');
	let path = safeDecode(url.pathname);
	if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
	return { path, query: Object.fromEntries(url.searchParams) };
}

/**
 * Opens the log record of a request and keeps it up to date: its status when answered, 'reset'
 * (record.reset set by a fault) or 'aborted' when the socket closed first. Counts the answer
 * (sim.countResponse) unless the simulator was reset meanwhile.
 */
function openRecord(sim, req, res, { path, query, isSubmit }) {
	const generation = sim.generation;
	const record = sim.requestLog.open(req.method, path, query);
	res.on('finish', () => {
		record.status = res.statusCode;
		if (sim.generation === generation) sim.countResponse(res.statusCode, isSubmit);
	});
	res.on('close', () => {
		if (record.status === null) record.status = record.reset ? 'reset' : 'aborted';
	});
	return record;
}

module.exports = { guardedServer, requestTarget, openRecord };
