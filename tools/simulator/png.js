'use strict';
// Real, tiny media files: 1-bit palette PNGs (any size, a few hundred bytes up to ~1 KB because
// they are striped) and a fake MP4 (ftyp + free + mdat boxes). Both can be padded to about N bytes
// with an ancillary chunk / free box, so a client can be tested with large downloads.
const zlib = require('node:zlib');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type, data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(Buffer.from(type, 'latin1'))) >>> 0, 0);
	return [head, data, crc];
}

const zeroPads = new Map(); // length -> Buffer of zeros (shared between files of the same size)
function zeros(length) {
	let buf = zeroPads.get(length);
	if (!buf) {
		if (zeroPads.size > 4) zeroPads.delete(zeroPads.keys().next().value);
		buf = Buffer.alloc(length);
		zeroPads.set(length, buf);
	}
	return buf;
}

const pngCache = new Map();
/** PNG of width x height in two colors (horizontal stripes), padded to about `targetBytes` when larger. */
function buildPng(width, height, colorA, colorB, targetBytes = 0) {
	const key = `${width}x${height}:${colorA}:${colorB}:${targetBytes}`;
	const cached = pngCache.get(key);
	if (cached) return cached;

	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 1; // bit depth
	ihdr[9] = 3; // palette
	const plte = Buffer.from([...hexRgb(colorA), ...hexRgb(colorB)]);
	const rowBytes = Math.ceil(width / 8);
	const raw = Buffer.alloc(height * (rowBytes + 1));
	const band = Math.max(1, Math.floor(height / 8));
	for (let y = 0; y < height; y++) {
		if (Math.floor(y / band) % 2) raw.fill(0xff, y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
	}
	const idat = zlib.deflateSync(raw, { level: 9 });

	const parts = [PNG_SIGNATURE, ...pngChunk('IHDR', ihdr), ...pngChunk('PLTE', plte)];
	const tail = [...pngChunk('IDAT', idat), ...pngChunk('IEND', Buffer.alloc(0))];
	const base = [...parts, ...tail].reduce((n, b) => n + b.length, 0);
	if (targetBytes > base + 12) parts.push(...pngChunk('paDd', zeros(targetBytes - base - 12))); // private ancillary chunk
	parts.push(...tail);
	const file = { parts, size: parts.reduce((n, b) => n + b.length, 0), contentType: 'image/png' };
	if (pngCache.size > 64) pngCache.delete(pngCache.keys().next().value);
	pngCache.set(key, file);
	return file;
}

function box(type, payload) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(8 + payload.length, 0);
	head.write(type, 4, 'latin1');
	return [head, payload];
}

/** A fake MP4 (valid box structure, no playable track), about max(1 KB, targetBytes). */
function buildMp4(targetBytes = 0) {
	const ftyp = box(
		'ftyp',
		Buffer.concat([
			Buffer.from('isom', 'latin1'),
			Buffer.from([0, 0, 2, 0]),
			Buffer.from('isomiso2avc1mp41', 'latin1'),
		]),
	);
	const mdat = box('mdat', Buffer.alloc(16));
	const base = [...ftyp, ...mdat].reduce((n, b) => n + b.length, 0);
	const freeBytes = Math.max(0, Math.max(1024, targetBytes) - base - 8);
	const free = box('free', zeros(freeBytes));
	const parts = [...ftyp, ...free, ...mdat];
	return { parts, size: parts.reduce((n, b) => n + b.length, 0), contentType: 'video/mp4' };
}

function hexRgb(hex) {
	const n = parseInt(hex, 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

module.exports = { buildPng, buildMp4 };
