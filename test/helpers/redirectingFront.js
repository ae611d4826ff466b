'use strict';
/**
 * Two local origins for redirect tests (plain JavaScript, like the simulators: node:http is off
 * limits to the package's TypeScript). The front stands where the API is (the credential's Base
 * URL): it passes requests on to a simulator, except those a rule answers with a redirect. A
 * redirect goes to the recorder, a second origin (another port), which notes what it received
 * and then passes the request on to the simulator too, as a hostile host would.
 *
 * scene.rule(method, path, again, query) returns { status, sameOrigin?, location? } to redirect
 * (to the recorder, or to the front itself when sameOrigin; `location` replaces path and query),
 * or undefined to pass the request on. `again` is true for a request that followed a same-origin
 * redirect.
 */
const { createServer, request } = require('node:http');

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

function passOn(target, req, path, body, res) {
	const upstream = request(
		`${target}${path}`,
		// A fresh connection each time: nothing left over from a stream cut short.
		{ method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent: false },
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => res.destroy());
	res.on('close', () => upstream.destroy());
	upstream.end(body);
}

async function listen(handler) {
	const server = createServer(handler);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const close = async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(() => resolve()));
	};
	return { url: `http://127.0.0.1:${server.address().port}`, close };
}

/** Starts the two origins; set `target` (the simulator's URL) before the first request. */
async function startRedirectScene() {
	const scene = {
		seen: [],
		redirects: [],
		rule: () => undefined,
		target: '',
		sameOriginPrefix: '/same-origin',
	};
	const recorder = await listen((req, res) => {
		void readBody(req).then((body) => {
			const url = req.url ?? '/';
			scene.seen.push({ method: req.method, url, headers: req.headers, body: body.toString() });
			passOn(scene.target, req, url, body, res);
		});
	});
	const front = await listen((req, res) => {
		void readBody(req).then((body) => {
			let url = req.url ?? '/';
			const again = url.startsWith(scene.sameOriginPrefix);
			if (again) url = url.slice(scene.sameOriginPrefix.length);
			const [path, query] = url.split('?');
			const redirect = scene.rule(req.method, path, again, new URLSearchParams(query));
			if (!redirect) return passOn(scene.target, req, url, body, res);
			const { status, sameOrigin = false, location = url } = redirect;
			scene.redirects.push({ method: req.method, path, status });
			const to = sameOrigin ? `${scene.frontUrl}${scene.sameOriginPrefix}` : scene.recorderUrl;
			res.writeHead(status, { location: `${to}${location}`, 'content-length': 0 });
			res.end();
		});
	});
	scene.frontUrl = front.url;
	scene.recorderUrl = recorder.url;
	scene.close = async () => {
		await Promise.all([front.close(), recorder.close()]);
	};
	return scene;
}

/** The requests of the second origin that carried one of the secrets: in a header, the URL or the body. */
function secretsSeen(scene, secrets) {
	const found = new Set();
	for (const seen of scene.seen) {
		const text = JSON.stringify(seen);
		if (secrets.some((secret) => text.includes(secret)))
			found.add(`${seen.method} ${seen.url.split('?')[0]}`);
	}
	return [...found];
}

module.exports = { startRedirectScene, secretsSeen };
