'use strict';
/**
 * The root package's e2e stack in one call: the useapi.net simulator (in this process, on
 * 127.0.0.1), a real n8n with the packed root package installed (n8n-nodes-useapi-midjourney), and
 * a useApiMidjourneyApi credential pointing at the simulator with a token unique to this run (so
 * tests can search logs for it). `packages` adds other packages of the repo (folders of packages/),
 * each built, packed and installed after the root one, as a user installs several packages.
 *
 *   const stack = await startStack({ name: 'examples', sim: { jobDurationMs: 1500 } });
 *   stack.sim, stack.n8n, stack.credential ({ id, name }), stack.token
 *   const id = await stack.importExample('01');       // placeholder credential + reply URLs mapped
 *   const stack = await startStack({ name: 'other-apis', packages: ['midjourney-v1-api'] });
 *   const id = await stack.importExample('midjourney-v1-api/01', undefined, credentials);
 *   await stack.stop();
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startN8n } = require('./n8n');
const { packPackage, packageDir } = require('./pack');
const { loadExample, prepareWorkflow } = require('./examples');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const { startSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator'));

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; returns it. */
async function waitFor(fn, { timeoutMs = 60_000, intervalMs = 200, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await fn();
		if (last) return last;
		await delay(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function startStack({ name = 'stack', sim: simOptions = {}, n8n: n8nOptions = {}, packages = [] } = {}) {
	const token = `e2e-tok-${crypto.randomBytes(12).toString('hex')}`;
	const packageTarball = await packPackage();
	const packageTarballs = [packageTarball];
	for (const pkg of packages) packageTarballs.push(await packPackage({ packageDir: packageDir(pkg) }));
	const sim = await startSimulator({ port: 0, token, jobDurationMs: 1500, ...simOptions });
	let n8n;
	try {
		n8n = await startN8n({ name, packageTarballs, ...n8nOptions });
	} catch (e) {
		await sim.close();
		throw e;
	}
	const credentialName = 'useapi.net API';
	const created = await n8n.createCredential('useApiMidjourneyApi', credentialName, {
		apiToken: token,
		baseUrl: sim.url,
	});
	const credential = { id: String(created.id), name: credentialName };

	const stack = {
		sim,
		n8n,
		token,
		credential,
		packageTarball,
		packageTarballs,
		/**
		 * Prepares a workflow JSON (credential placeholders, reply URLs) and imports it; `credentials`
		 * maps the other APIs' placeholder ids to real credentials.
		 */
		async importWorkflow(json, credentials = {}) {
			return n8n.importWorkflow(prepareWorkflow(json, { credential, credentials, webhookUrl: n8n.webhookUrl }));
		},
		/**
		 * Imports examples/<key>-*.json, or another package's packages/<name>/examples/<number>-*.json
		 * for a key '<name>/<number>' (optionally changed by `edit(json)` first).
		 */
		async importExample(key, edit, credentials) {
			const json = loadExample(key);
			if (edit) edit(json);
			return stack.importWorkflow(json, credentials);
		},
		/** Executions of a workflow (newest first), optionally with these statuses. */
		async executionsOf(workflowId, statuses) {
			return n8n.executions({ workflowId, ...(statuses ? { status: statuses } : {}) });
		},
		async stop() {
			await n8n?.stop();
			await sim.close();
		},
	};
	return stack;
}

module.exports = { startStack, waitFor, delay };
