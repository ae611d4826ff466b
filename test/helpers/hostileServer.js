'use strict';
/**
 * A server that answers badly on purpose, for bounded-read tests (plain JavaScript: node:http is
 * off limits to the package's TypeScript). Every answer counts the bytes it handed to the socket
 * before the client went away, so a test can tell how much the node actually read.
 *
 *   GET /file/<name>?mb=N[&length=no]  a PNG-typed body of N MB (Content-Length unless length=no)
 *   GET /trickle/<name>?seconds=S      one byte every 100 ms for S seconds, then the end
 *   ANY <other path>?mb=N&type=json|text  HTTP 500 with an N MB body; without the query (an API
 *                                      path the node builds), state.errorMb and state.errorType
 */
const { createServer } = require('node:http');

const TEXT = Buffer.alloc(64 * 1024, 0x61);
const JSON_ITEMS = Buffer.from('0,'.repeat(32 * 1024));

/**
 * Writes `total` bytes (`first`, then `filler` repeated, then `last`) as the socket takes them;
 * resolves with the bytes written before the end or a disconnect.
 */
function writeBytes(
	res,
	total,
	{ first = Buffer.alloc(0), filler = TEXT, last = Buffer.alloc(0) } = {},
) {
	return new Promise((resolve) => {
		let written = 0;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			resolve(written);
		};
		res.on('close', finish);
		const pump = () => {
			while (!done && written < total) {
				const left = total - written;
				let part;
				if (written < first.length) part = first.subarray(written);
				else if (left <= last.length) part = last.subarray(last.length - left);
				else part = filler.subarray(0, Math.min(filler.length, left - last.length));
				written += part.length;
				if (!res.write(part)) return res.once('drain', pump);
			}
			if (!done) res.end(finish);
		};
		pump();
	});
}

function trickle(res, seconds) {
	return new Promise((resolve) => {
		let written = 0;
		let stopped = false;
		const until = Date.now() + seconds * 1000;
		res.on('close', () => {
			stopped = true;
			resolve(written);
		});
		const tick = () => {
			if (stopped) return;
			if (Date.now() >= until) return res.end();
			res.write('x');
			written++;
			setTimeout(tick, 100);
		};
		tick();
	});
}

/** A valid JSON error body: one long array of numbers, so it parses only when read whole. */
const JSON_BODY = {
	first: Buffer.from('{"error":"Internal error","details":['),
	filler: JSON_ITEMS,
	last: Buffer.from('0]}'),
};

async function startHostileServer() {
	const state = { answers: [], requests: 0, errorMb: 50, errorType: 'json' };
	const server = createServer((req, res) => {
		state.requests++;
		const url = new URL(req.url, 'http://hostile.local');
		const mb = Number(url.searchParams.get('mb') ?? state.errorMb);
		const bytes = Math.round(mb * 1024 * 1024);
		const record = { path: url.pathname, bytes, written: undefined };
		state.answers.push(record);
		let writing;
		if (url.pathname.startsWith('/file/')) {
			const headers = { 'content-type': 'image/png' };
			if (url.searchParams.get('length') !== 'no') headers['content-length'] = bytes;
			res.writeHead(200, headers);
			writing = writeBytes(res, bytes);
		} else if (url.pathname.startsWith('/trickle/')) {
			res.writeHead(200, { 'content-type': 'image/png' });
			writing = trickle(res, Number(url.searchParams.get('seconds') ?? '10'));
		} else {
			const json = (url.searchParams.get('type') ?? state.errorType) !== 'text';
			// Whole "0," items only, so the JSON stays valid.
			const items = bytes - JSON_BODY.first.length - JSON_BODY.last.length;
			const total = json ? bytes - (items % 2) : bytes;
			record.bytes = total;
			res.writeHead(500, {
				'content-type': json ? 'application/json' : 'text/plain',
				'content-length': total,
			});
			writing = writeBytes(res, total, json ? JSON_BODY : {});
		}
		void writing.then((written) => (record.written = written));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		state,
		/** The last answer once its connection ended: how many bytes it handed to the socket. */
		async lastAnswer() {
			for (let i = 0; i < 400; i++) {
				const last = state.answers[state.answers.length - 1];
				if (last && last.written !== undefined) return last;
				await new Promise((resolve) => setTimeout(resolve, 25));
			}
			return state.answers[state.answers.length - 1];
		},
		reset() {
			state.answers.length = 0;
			state.requests = 0;
		},
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startHostileServer };
