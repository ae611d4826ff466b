'use strict';
/**
 * Token hygiene: after a test file ran its workflows, the credential's API token (unique per
 * stack) must appear nowhere it could leak to: n8n's log file of that run, any execution's
 * stored data (run data, errors), any stored workflow, the simulator's request log and its
 * callback log. It must have been used, though: the simulator answered authenticated calls.
 */
const fsp = require('node:fs/promises');

function forms(token) {
	return [token, Buffer.from(token).toString('base64'), Buffer.from(`Bearer ${token}`).toString('base64')];
}

function findLeak(text, token, where) {
	for (const form of forms(token)) {
		const at = text.indexOf(form);
		if (at >= 0) {
			return `${where} contains the API token: …${text.slice(Math.max(0, at - 200), at + form.length + 100)}…`;
		}
	}
	return undefined;
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

async function assertNoTokenLeak(stack, { minExecutions = 1 } = {}) {
	const { n8n, sim, token } = stack;
	const leaks = [];
	const check = (text, where) => {
		const leak = findLeak(text, token, where);
		if (leak) leaks.push(leak);
	};

	// it was used: the simulator (which knows no other token) answered authenticated calls
	expect(sim.log.some((r) => r.path.startsWith('/v3/midjourney/') && r.status >= 200 && r.status < 300)).toBe(true);

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

	check(JSON.stringify(sim.log), 'simulator log (sim.log)');
	check(JSON.stringify(sim.callbacks), 'simulator callbacks (sim.callbacks)');
	const remote = await fetch(`${sim.url}/__sim/log`);
	check(await remote.text(), 'simulator log (/__sim/log)');

	if (leaks.length) throw new Error(leaks.join('\n\n'));
	return { executions: ids.length, logBytes: log.length };
}

module.exports = { assertNoTokenLeak, findLeak };
