'use strict';
/**
 * A recording HTTP proxy between n8n and the simulator, for the "Stream really streams" test.
 * Everything is forwarded as is; for Server-Sent Events responses it also
 *   - timestamps every event it forwards (and notes whether n8n's side was still open then);
 *   - after forwarding a final job event (completed/failed/moderated), HOLDS the response open
 *     for `holdAfterFinalMs` instead of ending it when the simulator does.
 * A client that acts on events as they arrive finishes its run and closes the connection
 * right after the final event; a client that buffers the body until the end of the response
 * waits for the hold to expire. The test tells them apart by these timestamps.
 * Closing either side closes the other (the simulator sees n8n's disconnects).
 */
const http = require('node:http');

const FINAL = new Set(['completed', 'failed', 'moderated']);

async function startSseTap({ target, holdAfterFinalMs = 8000 }) {
	const upstream = new URL(target);
	const streams = [];

	const server = http.createServer((req, res) => {
		const headers = { ...req.headers, host: upstream.host };
		const up = http.request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
			(upRes) => {
				const isSse = String(upRes.headers['content-type'] || '').includes('text/event-stream');
				res.writeHead(upRes.statusCode, upRes.headers);
				if (!isSse) {
					upRes.pipe(res);
					return;
				}
				res.flushHeaders();
				const rec = {
					method: req.method,
					path: req.url,
					openedAt: Date.now(),
					events: [], // { at, event, status, progress, clientOpen }
					finalAt: null,
					upstreamEndedAt: null,
					clientClosedAt: null,
					endedByTapAt: null,
				};
				streams.push(rec);
				let buf = '';
				let holdTimer = null;
				upRes.on('data', (chunk) => {
					if (res.destroyed || res.writableEnded) return;
					res.write(chunk);
					buf += chunk.toString('utf8');
					let idx;
					while ((idx = buf.search(/\r?\n\r?\n|\r\r/)) >= 0) {
						const block = buf.slice(0, idx);
						buf = buf.slice(idx).replace(/^(\r?\n\r?\n|\r\r)/, '');
						const data = block
							.split(/\r?\n|\r/)
							.filter((l) => l.startsWith('data:'))
							.map((l) => l.slice(5).trimStart())
							.join('\n');
						let payload;
						try {
							payload = JSON.parse(data);
						} catch {
							continue;
						}
						const status = payload?.job?.status;
						rec.events.push({
							at: Date.now(),
							event: payload.event,
							status,
							progress: payload?.job?.progress_percent ?? payload?.job?.response?.progress_percent,
							clientOpen: !rec.clientClosedAt,
						});
						if (FINAL.has(status) && !rec.finalAt) rec.finalAt = Date.now();
					}
				});
				upRes.on('end', () => {
					rec.upstreamEndedAt = Date.now();
					if (rec.finalAt && holdAfterFinalMs > 0) {
						holdTimer = setTimeout(() => {
							if (!res.writableEnded && !res.destroyed) {
								rec.endedByTapAt = Date.now();
								res.end();
							}
						}, holdAfterFinalMs);
					} else {
						rec.endedByTapAt = Date.now();
						res.end();
					}
				});
				res.on('close', () => {
					if (!rec.endedByTapAt) rec.clientClosedAt = Date.now();
					clearTimeout(holdTimer);
					upRes.destroy();
				});
			},
		);
		up.on('error', () => res.destroy());
		req.pipe(up);
		res.on('close', () => up.destroy());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		streams,
		holdAfterFinalMs,
		async close() {
			server.closeAllConnections();
			await new Promise((r) => server.close(() => r()));
		},
	};
}

module.exports = { startSseTap };
