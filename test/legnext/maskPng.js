'use strict';
// A PNG encoder for inpaint mask tests (test/legnext/maskImage.test.ts and the Legnext package's
// operations test). JavaScript, because it needs node:zlib, which the lint of TypeScript files
// forbids (n8n's community-node rules cover every .ts file, tests included).
const { deflateSync } = require('node:zlib');

function crc32(data) {
	let crc = ~0;
	for (const byte of data) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

function chunk(type, body) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(body.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
	return Buffer.concat([head, body, crc]);
}

function paeth(a, b, c) {
	const p = a + b - c;
	const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * A PNG whose pixel (x, y) is white when `white(x, y)`: 8-bit gray (color 0), RGB (2) or RGBA
 * (6), every row with another of the five filters, compressed at `level` (0: stored blocks).
 * @param {number} width
 * @param {number} height
 * @param {(x: number, y: number) => boolean} white
 * @param {{ color?: 0 | 2 | 6, level?: number }} [options]
 * @returns {Buffer}
 */
function maskPng(width, height, white, { color = 0, level = 6 } = {}) {
	const channels = { 0: 1, 2: 3, 6: 4 }[color];
	const stride = width * channels;
	const pixels = Buffer.alloc(height * stride);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++) {
			const v = white(x, y) ? 255 : 0;
			for (let c = 0; c < channels; c++) pixels[y * stride + x * channels + c] = c === 3 ? 255 : v;
		}
	const raw = Buffer.alloc(height * (stride + 1));
	for (let y = 0; y < height; y++) {
		const filter = y % 5;
		raw[y * (stride + 1)] = filter;
		for (let x = 0; x < stride; x++) {
			const at = y * stride + x;
			const a = x >= channels ? pixels[at - channels] : 0;
			const b = y > 0 ? pixels[at - stride] : 0;
			const c = x >= channels && y > 0 ? pixels[at - stride - channels] : 0;
			const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
			raw[y * (stride + 1) + 1 + x] = (pixels[at] - predicted) & 0xff;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = color;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { maskPng };
