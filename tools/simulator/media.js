'use strict';
// Media of completed jobs, served by the simulator itself so tests run offline:
//   ${url}/cdn.midjourney.com/<uuid>/0_0.png            imageUx (no auth, like the real CDN)
//   ${url}/cdn.midjourney.com/video/<uuid>/0.mp4        videoUx
//   ${url}/cdn.discordapp.com/attachments/...           attachments[].url (proxy_url: media.discordapp.net)
//   GET /v1/proxy/cdn-midjourney?cdnUrl=...             the documented proxy (Bearer auth)
const crypto = require('node:crypto');
const { buildPng, buildMp4 } = require('./png');
const { sendJson, sendText } = require('./http-util');
const { takeCount } = require('./faults');
const { authError } = require('./auth');

const CDN_PREFIX = '/cdn.midjourney.com/';
const REAL_CDN = 'https://cdn.midjourney.com/';
const CLOUDFLARE_403 =
	'<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>' +
	'<body><h1>Sorry, you have been blocked</h1><p>You are unable to access cdn.midjourney.com</p></body></html>';

class MediaStore {
	constructor(sim) {
		this.sim = sim;
		this.assets = new Map(); // path -> { kind, width, height, colors, targetBytes }
	}

	/** Registers a PNG at `path` (which starts with '/'); returns { url, size }. */
	image(path, width, height, seed) {
		const digest = crypto.createHash('sha1').update(String(seed)).digest('hex');
		const spec = {
			kind: 'png',
			width,
			height,
			colors: [digest.slice(0, 6), digest.slice(6, 12)],
			targetBytes: this.sim.config.imageBytes,
		};
		this.assets.set(path, spec);
		return { url: this.sim.publicUrl + path, size: this.file(spec).size };
	}

	video(path) {
		const spec = { kind: 'mp4', targetBytes: this.sim.config.imageBytes };
		this.assets.set(path, spec);
		return { url: this.sim.publicUrl + path, size: this.file(spec).size };
	}

	file(spec) {
		return spec.kind === 'png'
			? buildPng(spec.width, spec.height, spec.colors[0], spec.colors[1], spec.targetBytes)
			: buildMp4(spec.targetBytes);
	}

	clear() {
		this.assets.clear();
	}
}

function writeFile(req, res, file) {
	res.writeHead(200, {
		'content-type': file.contentType,
		'content-length': file.size,
		'cache-control': 'public, max-age=31536000',
	});
	if (req.method === 'HEAD') return res.end();
	for (const part of file.parts) res.write(part);
	res.end();
}

/** GET/HEAD on the direct CDN / Discord attachment paths. */
function serveDirect(sim, req, res, path) {
	if (path.startsWith(CDN_PREFIX)) {
		const blockedUa = sim.faults.cdnRequireUserAgent && !req.headers['user-agent'];
		if (blockedUa || takeCount(sim.faults, 'cdn403'))
			return sendText(res, 403, CLOUDFLARE_403, 'text/html; charset=utf-8');
	}
	const spec = sim.media.assets.get(path);
	if (!spec) return sendText(res, 404, 'Not Found');
	writeFile(req, res, sim.media.file(spec));
}

/** GET /v1/proxy/cdn-midjourney/?cdnUrl=https://cdn.midjourney.com/... (errors carry `code`, as documented). */
function serveProxy(sim, req, res, query) {
	const denied = authError(sim, req);
	if (denied) return sendJson(res, denied.status, { ...denied.body, code: denied.status });
	const cdnUrl = query.cdnUrl;
	if (!cdnUrl) return sendJson(res, 400, { error: 'Parameter cdnUrl is required', code: 400 });
	const ownCdn = sim.publicUrl + CDN_PREFIX;
	let rest;
	if (cdnUrl.startsWith(REAL_CDN)) rest = cdnUrl.slice(REAL_CDN.length);
	else if (cdnUrl.startsWith(ownCdn)) rest = cdnUrl.slice(ownCdn.length);
	else
		return sendJson(res, 400, { error: `Parameter cdnUrl must start with ${REAL_CDN}`, code: 400 });
	if (takeCount(sim.faults, 'proxy403'))
		return sendJson(res, 403, { error: 'Forbidden (cdn.midjourney.com answered 403)', code: 403 });
	const spec = sim.media.assets.get(CDN_PREFIX + rest.split(/[?#]/)[0]);
	if (!spec)
		return sendJson(res, 404, { error: 'Not Found (cdn.midjourney.com answered 404)', code: 404 });
	writeFile(req, res, sim.media.file(spec));
}

const isMediaPath = (path) =>
	/^\/(cdn\.midjourney\.com|cdn\.discordapp\.com|media\.discordapp\.net)\//.test(path);

module.exports = { MediaStore, serveDirect, serveProxy, isMediaPath };
