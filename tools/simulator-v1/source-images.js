'use strict';
// Input images of describe and blend: each given as a URL or as base64 data, exactly one of the two
// (the document states the either/or only in prose). Base64 data must decode to a PNG, JPEG, GIF
// or WebP file: the documented 400 "the base64 data malformed". URLs are not fetched.
const { badRequest } = require('./errors');

const SIGNATURES = [
	(b) => b.length >= 8 && b.readUInt32BE(0) === 0x89504e47, // PNG
	(b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, // JPEG
	(b) => b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6)), // GIF
	(b) =>
		b.length >= 12 &&
		b.toString('latin1', 0, 4) === 'RIFF' &&
		b.toString('latin1', 8, 12) === 'WEBP',
];

function checkImageData(base64, name) {
	const bytes = Buffer.from(base64, 'base64');
	if (!SIGNATURES.some((matches) => matches(bytes)))
		throw badRequest('invalid_image', `${name} is not a PNG, JPEG, GIF or WebP image`);
}

/**
 * One image given as { [urlKey]: url } or { [dataKey]: base64 }.
 * @returns {string} a stable description of the source (the URL, or "base64:<length>")
 */
function imageSource(obj, urlKey, dataKey, prefix = '') {
	const hasUrl = obj[urlKey] !== undefined;
	const hasData = obj[dataKey] !== undefined;
	if (!hasUrl && !hasData)
		throw badRequest('missing_field', `${prefix}${urlKey} or ${prefix}${dataKey} is required`);
	if (hasUrl && hasData)
		throw badRequest(
			'invalid_request',
			`Provide only one of ${prefix}${urlKey} and ${prefix}${dataKey}`,
		);
	if (hasUrl) return obj[urlKey];
	checkImageData(obj[dataKey], `${prefix}${dataKey}`);
	return `base64:${obj[dataKey].length}:${obj[dataKey].slice(0, 32)}`;
}

module.exports = { imageSource, checkImageData };
