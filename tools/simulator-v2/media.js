'use strict';
// Images of completed jobs, served by the simulator itself (no auth, like Discord's CDN):
//   url       ${publicUrl}/cdn.discordapp.com/attachments/<channel>/<messageId>/<file>.png
//   proxy_url ${publicUrl}/media.discordapp.net/attachments/<channel>/<messageId>/<file>.png
// Real PNGs (1-bit palette, the reported width x height) from the v3 simulator's png.js.
const crypto = require('node:crypto');
const { buildPng } = require('../simulator/png');
const { sendText } = require('./http-util');
const { snowflake } = require('./job-model');

const HOSTS = /^\/(cdn\.discordapp\.com|media\.discordapp\.net)\/(attachments\/.+)$/;

class MediaStore {
	constructor(sim) {
		this.sim = sim;
		this.assets = new Map(); // 'attachments/...' -> { width, height, colors, targetBytes }
	}

	/** Registers the grid image of a job; returns the Discord attachment object. */
	attachment({ channel, messageId, filename, width, height, seed }) {
		const digest = crypto.createHash('sha1').update(String(seed)).digest('hex');
		const key = `attachments/${channel}/${messageId}/${filename}`;
		const spec = {
			width,
			height,
			colors: [digest.slice(0, 6), digest.slice(6, 12)],
			targetBytes: this.sim.config.imageBytes,
		};
		this.assets.set(key, spec);
		const base = this.sim.publicUrl;
		return {
			id: snowflake(),
			filename,
			size: this.file(spec).size,
			url: `${base}/cdn.discordapp.com/${key}`,
			proxy_url: `${base}/media.discordapp.net/${key}`,
			width,
			height,
			content_type: 'image/png',
		};
	}

	file(spec) {
		return buildPng(spec.width, spec.height, spec.colors[0], spec.colors[1], spec.targetBytes);
	}

	clear() {
		this.assets.clear();
	}
}

const isMediaPath = (path) => HOSTS.test(path);

/** GET/HEAD of an attachment URL: the PNG, or 404 text like a CDN. */
function serveMedia(sim, req, res, path) {
	const spec = sim.media.assets.get(HOSTS.exec(path)[2]);
	if (!spec) return sendText(res, 404, 'Not Found');
	const file = sim.media.file(spec);
	res.writeHead(200, {
		'content-type': file.contentType,
		'content-length': file.size,
		'cache-control': 'public, max-age=31536000',
	});
	if (req.method === 'HEAD') return res.end();
	for (const part of file.parts) res.write(part);
	res.end();
}

module.exports = { MediaStore, isMediaPath, serveMedia };
