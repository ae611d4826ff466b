'use strict';
/**
 * Token hygiene: after a test file ran its workflows, the credential's API token (unique per
 * stack), and any other secret the test names (a Discord token), must appear nowhere it could
 * leak to: n8n's log file of that run, any execution's stored data (run data, errors, the copy of
 * the workflow with its node parameters), any stored workflow, n8n's database files in plain
 * text (credentials are stored encrypted), the simulator's request log and its callback log. The
 * API token must have been used, though: the simulator answered authenticated calls.
 */
const fsp = require('node:fs/promises');
const path = require('node:path');

function forms(token) {
	return [token, Buffer.from(token).toString('base64'), Buffer.from(`Bearer ${token}`).toString('base64')];
}

function findLeak(text, token, where, what = 'the API token') {
	for (const form of forms(token)) {
		const at = text.indexOf(form);
		if (at >= 0) {
			return `${where} contains ${what}: …${text.slice(Math.max(0, at - 200), at + form.length + 100)}…`;
		}
	}
	return undefined;
}

/** n8n's SQLite files (database, journal, WAL) as text: a secret in them is stored unencrypted. */
async function databaseTexts(userFolder) {
	const dir = path.join(userFolder, '.n8n');
	const names = (await fsp.readdir(dir).catch(() => [])).filter((n) => n.startsWith('database.sqlite'));
	return Promise.all(
		names.map(async (n) => ({ where: `n8n database ${n}`, text: (await fsp.readFile(path.join(dir, n))).toString('latin1') })),
	);
}

async function allExecutionIds(n8n) {
	const ids = [];
	let lastId;
	for (;;) {
		const qs = new URLSearchParams({ filter: '{}', limit: '100', ...(lastId ? { lastId } : {}) });
		const page = await n8n.rest('GET', `/rest/executions?${qs}`);
		const results = page?.results ?? page ?? [];
		if (!results.length) break;
		ids.push(...results.map((e) => String(e.id)));
		if (results.length < 100) break;
		lastId = String(results.at(-1).id);
	}
	return [...new Set(ids)];
}

async function assertNoTokenLeak(stack, { minExecutions = 1, secrets = {}, checkUsed = true } = {}) {
	const { n8n, sim, token } = stack;
	const leaks = [];
	const named = { 'the API token': token, ...secrets };
	const check = (text, where) => {
		for (const [what, secret] of Object.entries(named)) {
			const leak = findLeak(text, secret, where, what);
			if (leak) leaks.push(leak);
		}
	};

	// it was used: the simulator (which knows no other token) answered authenticated calls
	if (checkUsed) {
		expect(sim.log.some((r) => r.path.startsWith('/v3/midjourney/') && r.status >= 200 && r.status < 300)).toBe(true);
	}

	const log = await fsp.readFile(n8n.logFile, 'utf8');
	expect(log.length).toBeGreaterThan(0);
	check(log, `n8n log ${n8n.logFile}`);

	const ids = await allExecutionIds(n8n);
	expect(ids.length).toBeGreaterThanOrEqual(minExecutions);
	for (const id of ids) {
		const r = await n8n.rest('GET', `/rest/executions/${id}`, undefined, { raw: true });
		expect(r.status).toBe(200);
		check(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), `execution ${id}`);
	}
	const workflows = await n8n.rest('GET', '/rest/workflows');
	for (const wf of workflows?.data ?? workflows ?? []) {
		const r = await n8n.rest('GET', `/rest/workflows/${wf.id}`, undefined, { raw: true });
		check(JSON.stringify(r.body), `workflow ${wf.id}`);
	}

	const databases = await databaseTexts(n8n.userFolder);
	expect(databases.length).toBeGreaterThan(0);
	for (const { where, text } of databases) check(text, where);

	check(JSON.stringify(sim.log), 'simulator log (sim.log)');
	check(JSON.stringify(sim.callbacks), 'simulator callbacks (sim.callbacks)');
	const remote = await fetch(`${sim.url}/__sim/log`);
	check(await remote.text(), 'simulator log (/__sim/log)');

	if (leaks.length) throw new Error(leaks.join('\n\n'));
	return { executions: ids.length, logBytes: log.length };
}

module.exports = { assertNoTokenLeak, findLeak };
