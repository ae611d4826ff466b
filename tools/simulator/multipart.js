'use strict';
// A small multipart/form-data parser (RFC 7578): text fields become strings, parts with a
// filename (or named imageBlob*) become { filename, contentType, data, size }.
const { badRequest } = require('./http-util');

const CRLF = Buffer.from('\r\n');

function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
	if (!m) throw badRequest('Invalid multipart/form-data body: missing boundary');
	return m[1] || m[2];
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}

function dispositionParam(disposition, name) {
	const star = new RegExp(`(?:^|;)\\s*${name}\\*=(?:UTF-8'[^']*')?([^;]*)`, 'i').exec(disposition);
	if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
	const quoted = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
	if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(disposition);
	return bare ? bare[1].trim() : undefined;
}

/** @returns {{ fields: Record<string,string>, files: Record<string,{filename:string,contentType:string,data:Buffer,size:number}> }} */
function parseMultipart(buf, contentType) {
	const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
	const fields = {};
	const files = {};
	let pos = buf.indexOf(delimiter);
	if (pos < 0) throw badRequest('Invalid multipart/form-data body: boundary not found');
	for (;;) {
		pos += delimiter.length;
		if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break; // closing "--boundary--"
		while (buf[pos] === 0x20 || buf[pos] === 0x09) pos++; // transport padding
		if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a)
			throw badRequest('Invalid multipart/form-data body');
		pos += 2;
		const headerEnd = buf.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0)
			throw badRequest('Invalid multipart/form-data body: unterminated part headers');
		const headers = parseHeaders(buf.toString('utf8', pos, headerEnd));
		const dataStart = headerEnd + 4;
		const next = buf.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
		if (next < 0) throw badRequest('Invalid multipart/form-data body: missing closing boundary');
		const data = buf.subarray(dataStart, next);
		pos = next + CRLF.length;

		const disposition = headers['content-disposition'] || '';
		const name = dispositionParam(disposition, 'name');
		if (!name) continue;
		const filename = dispositionParam(disposition, 'filename');
		if (filename !== undefined || /^imageBlob/.test(name)) {
			files[name] = {
				filename: filename ?? 'blob',
				contentType: headers['content-type'] || 'application/octet-stream',
				data: Buffer.from(data),
				size: data.length,
			};
		} else {
			fields[name] = data.toString('utf8');
		}
	}
	return { fields, files };
}

module.exports = { parseMultipart };
