'use strict';
// The result files, on an origin of their own (a second port: the sheet's cdn.legnext.ai), so a
// client can be checked for not sending its key there. No auth. URLs expire `resultTtlMs` after
// the task completed (the sheet: "result URLs expire", no duration) and then answer 404.
// Paths as captured: /mj/<job_id>_<n>.png, /mj/<job_id>_grid.png, and /temp/<epoch-ms>.png for
// the grid of every second task (the sheet: do not infer meaning from the URL shape).
const crypto = require('node:crypto');
const http = require('node:http');
const { buildPng, buildMp4 } = require('../simulator/png');
const { writeBody } = require('./send');
const { takeNext } = require('./faults');

const SIZES = { grid: 2048, image: 1024, single: 2048 };

class CdnStore {
	constructor(sim) {
		this.sim = sim;
		this.assets = new Map(); // path -> { type, side, colors, expiresAt }
		this.temp = 0;
	}

	add(path, spec) {
		this.assets.set(path, { ...spec, expiresAt: Date.now() + this.sim.config.resultTtlMs });
		return this.sim.cdnUrl + path;
	}

	/** Registers the files of a completed task; returns { grid, images, videos } URLs. */
	register(task, meta) {
		const id = task.job_id;
		const digest = crypto.createHash('sha1').update(id).digest('hex');
		const png = (side) => ({
			type: 'png',
			jobId: id,
			side,
			colors: [digest.slice(0, 6), digest.slice(6, 12)],
		});
		if (meta.kind === 'grid') {
			const gridPath =
				meta.seq % 2 ? `/mj/${id}_grid.png` : `/temp/${Date.now()}${++this.temp}.png`;
			const images = [0, 1, 2, 3].map((n) => this.add(`/mj/${id}_${n}.png`, png(SIZES.image)));
			return { grid: this.add(gridPath, png(SIZES.grid)), images };
		}
		if (meta.kind === 'single') return { images: [this.add(`/mj/${id}_0.png`, png(SIZES.single))] };
		const count = meta.kind === 'videos' ? 4 : meta.kind === 'video' ? 1 : 0;
		const videos = Array.from({ length: count }, (_, n) =>
			this.add(`/mj/${id}_${n}.mp4`, { type: 'mp4', jobId: id }),
		);
		return { videos };
	}

	/** Makes every file of the task answer 404 now (as if its URLs had expired). */
	expire(jobId) {
		let n = 0;
		for (const spec of this.assets.values())
			if (spec.jobId === jobId) {
				spec.expiresAt = 0;
				n++;
			}
		return n > 0;
	}

	clear() {
		this.assets.clear();
	}
}

function file(sim, spec) {
	if (spec.type === 'mp4') return buildMp4(sim.options.imageBytes);
	return buildPng(spec.side, spec.side, spec.colors[0], spec.colors[1], sim.options.imageBytes);
}

function notFound(res, status = 404) {
	const text = http.STATUS_CODES[status] || 'Error';
	res.writeHead(status, {
		'content-type': 'text/plain',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

function handleCdn(sim, req, res) {
	const path = new URL(req.url, 'http://cdn.local').pathname;
	// Whether the client sent a key here (never the key itself).
	const record = { method: req.method, path, status: null, sentKey: 'x-api-key' in req.headers };
	record.sentAuthorization = 'authorization' in req.headers;
	sim.cdnLog.push(record);
	res.on('finish', () => (record.status = res.statusCode));
	const fault = takeNext(sim.faults, 'cdnErrors');
	if (fault) return notFound(res, fault);
	const spec = sim.cdn.assets.get(path);
	if ((req.method !== 'GET' && req.method !== 'HEAD') || !spec) return notFound(res);
	if (Date.now() >= spec.expiresAt) return notFound(res);
	const f = file(sim, spec);
	res.writeHead(200, { 'content-type': f.contentType, 'content-length': f.size });
	if (req.method === 'HEAD') return res.end();
	return writeBody(sim, res, f.parts);
}

function createCdnServer(sim) {
	return http.createServer((req, res) => {
		Promise.resolve(handleCdn(sim, req, res)).catch(() => res.destroy());
	});
}

module.exports = { CdnStore, createCdnServer };
