'use strict';
// Images of completed jobs, served by the simulator itself so clients can download them offline:
//   GET|HEAD ${sim.url}/media/<jobId>/grid.png | 1.png ... 4.png | upscale.png
// Real 1-bit palette PNGs of the width/height the job reports (built by ../simulator/png.js).
// No auth, like a CDN; unknown paths are 404.
const crypto = require('node:crypto');
const { buildPng } = require('../simulator/png');
const { sendJson } = require('../simulator/http-util');

const MEDIA_PREFIX = '/media/';

class MediaStore {
	constructor(sim) {
		this.sim = sim;
		this.assets = new Map(); // path -> { width, height, colors }
	}

	/** Registers a PNG at `path`; returns its public URL. */
	image(path, width, height, seed) {
		const digest = crypto.createHash('sha1').update(String(seed)).digest('hex');
		this.assets.set(path, { width, height, colors: [digest.slice(0, 6), digest.slice(6, 12)] });
		return this.sim.publicUrl + path;
	}

	file(path) {
		const spec = this.assets.get(path);
		return spec && buildPng(spec.width, spec.height, spec.colors[0], spec.colors[1]);
	}

	clear() {
		this.assets.clear();
	}
}

const isMediaPath = (path) => path.startsWith(MEDIA_PREFIX);

function serveMedia(sim, req, res, path) {
	if (req.method !== 'GET' && req.method !== 'HEAD')
		return sendJson(
			res,
			405,
			{ status: 'ERROR', code: 'method_not_allowed', message: `${req.method} not allowed` },
			{ allow: 'GET, HEAD' },
		);
	const file = sim.media.file(path);
	if (!file)
		return sendJson(res, 404, { status: 'ERROR', code: 'not_found', message: 'Image not found' });
	res.writeHead(200, {
		'content-type': file.contentType,
		'content-length': file.size,
		'cache-control': 'public, max-age=31536000, immutable',
	});
	if (req.method === 'HEAD') return res.end();
	for (const part of file.parts) res.write(part);
	res.end();
}

module.exports = { MediaStore, serveMedia, isMediaPath };
