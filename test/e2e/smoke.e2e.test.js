'use strict';
/**
 * Smoke tests against a real n8n (pinned runtime, see scripts/n8n-runtime.sh):
 *  1. n8n boots headless and runs a workflow made of its own nodes (Manual Trigger -> Set -> Code;
 *     the Code node proves the internal JS task runner works), over REST and via `n8n execute`;
 *     then a waiting execution (Wait node) survives the harness's restart() and resumes.
 *  2. the packed community package loads: n8n lists every node and credential type that
 *     package.json's n8n section declares (their names read from the built classes), including
 *     the action node (midjourney, shown as MidjourneyV3), the trigger (midjourneyTrigger) and the
 *     credential useApiMidjourneyApi.
 * Run: npx jest -c jest.e2e.config.js
 */
const fs = require('node:fs');
const path = require('node:path');
const { startN8n, node24Bin, run } = require('../../tools/n8n/n8n');
const { packPackage } = require('../../tools/n8n/pack');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const NODE_TYPES = ['n8n-nodes-useapi-midjourney.midjourney', 'n8n-nodes-useapi-midjourney.midjourneyTrigger'];
const CREDENTIAL_TYPE = 'useApiMidjourneyApi';

const builtInWorkflow = {
	name: 'e2e smoke: manual -> set -> code',
	nodes: [
		{
			id: '7d1f6a2e-0000-4000-8000-000000000001',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: '7d1f6a2e-0000-4000-8000-000000000002',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'a1', name: 'greeting', value: 'hello from n8n', type: 'string' },
						{ id: 'a2', name: 'n', value: 21, type: 'number' },
					],
				},
				options: {},
			},
		},
		{
			id: '7d1f6a2e-0000-4000-8000-000000000003',
			name: 'Code',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [440, 0],
			parameters: {
				jsCode:
					'return $input.all().map((item) => ({ json: { ...item.json, doubled: item.json.n * 2, runtime: "task-runner" } }));',
			},
		},
	],
	connections: {
		'Manual Trigger': { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		Set: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const WAIT_HOOK_PATH = 'e2e-smoke-start';
const waitWorkflow = {
	name: 'e2e smoke: webhook -> wait for resume URL',
	nodes: [
		{
			id: '7d1f6a2e-0000-4000-8000-000000000011',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			// n8n's Webhook node uses the path as the full path: /webhook/<path>
			webhookId: '7d1f6a2e-0000-4000-8000-0000000000a1',
			parameters: { httpMethod: 'POST', path: WAIT_HOOK_PATH, responseMode: 'onReceived', options: {} },
		},
		{
			id: '7d1f6a2e-0000-4000-8000-000000000012',
			name: 'Remember resume URL',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [{ id: 'r', name: 'resumeUrl', value: '={{ $execution.resumeUrl }}', type: 'string' }],
				},
				options: {},
			},
		},
		{
			id: '7d1f6a2e-0000-4000-8000-000000000013',
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [440, 0],
			webhookId: '7d1f6a2e-0000-4000-8000-0000000000a2',
			parameters: { resume: 'webhook', httpMethod: 'POST', options: {} },
		},
		{
			id: '7d1f6a2e-0000-4000-8000-000000000014',
			name: 'After resume',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [660, 0],
			parameters: {
				mode: 'manual',
				includeOtherFields: true,
				assignments: { assignments: [{ id: 'a', name: 'resumed', value: true, type: 'boolean' }] },
				options: {},
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Remember resume URL', type: 'main', index: 0 }]] },
		'Remember resume URL': { main: [[{ node: 'Wait', type: 'main', index: 0 }]] },
		Wait: { main: [[{ node: 'After resume', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

describe('n8n runtime', () => {
	let n8n;
	afterAll(async () => {
		await n8n?.stop();
	});

	test('boots headless and runs Manual Trigger -> Set -> Code', async () => {
		n8n = await startN8n({ name: 'smoke-builtin' });
		expect(n8n.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

		const id = await n8n.importWorkflow(builtInWorkflow);
		const run = await n8n.runWorkflow(id);
		if (run.status !== 'success') {
			throw new Error(`execution ${run.executionId} ${run.status}: ${JSON.stringify(run.error)}\n${await n8n.logs(80)}`);
		}
		expect(run.output('Set')).toEqual([{ greeting: 'hello from n8n', n: 21 }]);
		expect(run.output('Code')).toEqual([
			{ greeting: 'hello from n8n', n: 21, doubled: 42, runtime: 'task-runner' },
		]);

		const listed = await n8n.executions({ workflowId: id });
		expect(listed.map((e) => String(e.id))).toContain(run.executionId);

		// the other path: `n8n execute --id` in a child process on the same database
		const cli = await n8n.runWorkflowCli(id);
		expect(cli.status).toBe('success');
		expect(cli.output('Code')).toEqual(run.output('Code'));
	});

	test('a waiting execution survives restart() and resumes through its resume URL', async () => {
		const id = await n8n.importWorkflow(waitWorkflow);
		await n8n.activate(id);
		const hook = await fetch(`${n8n.webhookUrl}webhook/${WAIT_HOOK_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ job: 'j1' }),
		});
		expect(hook.status).toBe(200);

		let waiting;
		for (let i = 0; i < 80 && !waiting; i++) {
			[waiting] = await n8n.executions({ workflowId: id, status: ['waiting'] });
			if (!waiting) await new Promise((r) => setTimeout(r, 250));
		}
		expect(waiting).toBeDefined();
		const before = await n8n.getExecution(waiting.id);
		const { resumeUrl } = before.output('Remember resume URL')[0];
		expect(resumeUrl).toMatch(new RegExp(`^${n8n.webhookUrl}webhook-waiting/${waiting.id}\\?signature=[0-9a-f]{64}$`));

		await n8n.restart();

		const resumed = await fetch(resumeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'completed' }),
		});
		expect(resumed.status).toBe(200);
		const done = await n8n.waitForExecution(waiting.id, { statuses: ['success', 'error', 'crashed'] });
		expect(done.status).toBe('success');
		expect(done.output('After resume')[0]).toMatchObject({ body: { status: 'completed' }, resumed: true });
	});
});

// The package's own declaration decides what n8n must list: every file in package.json's
// n8n.nodes / n8n.credentials. The types' internal names are read from the built classes.
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const declaredNodes = pkg.n8n?.nodes ?? [];
const declaredCredentials = pkg.n8n?.credentials ?? [];
const missing = [...declaredNodes, ...declaredCredentials].filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
const skipReason = !declaredNodes.length
	? 'package.json declares no n8n.nodes'
	: missing.length
		? `not built: ${missing.join(', ')} missing (run \`npm run build\`)`
		: '';
if (skipReason) {
	// Printed at load time so a skip is never mistaken for a pass.
	console.warn(`[e2e] SKIPPING community-package smoke test: ${skipReason}`);
}
const testIfBuilt = skipReason ? test.skip : test;

/** Loads the built node/credential classes under Node 24 (child process) and reads their names. */
async function declaredTypes() {
	const script = `
		const path = require('path');
		const load = (f) => Object.values(require(path.resolve(f))).filter((c) => typeof c === 'function').map((C) => new C());
		const pkg = require('./package.json');
		const nodes = pkg.n8n.nodes.flatMap(load).filter((n) => n.description).map((n) => ({
			name: n.description.name,
			credentials: (n.description.credentials || []).map((c) => c.name),
		}));
		const credentials = pkg.n8n.credentials.flatMap(load).filter((c) => c.name).map((c) => c.name);
		process.stdout.write(JSON.stringify({ nodes, credentials }));`;
	const bin = await node24Bin();
	const r = await run(path.join(bin, 'node'), ['-e', script], { cwd: REPO_ROOT });
	if (r.code !== 0) throw new Error(`could not load the built package:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

describe('community package', () => {
	let n8n;
	afterAll(async () => {
		await n8n?.stop();
	});

	testIfBuilt(`packed ${pkg.name} loads: n8n lists its node and credential types`, async () => {
		const packageTarball = await packPackage();
		const declared = await declaredTypes();
		const nodeTypes = declared.nodes.map((n) => `${pkg.name}.${n.name}`);
		console.log(`[e2e] expecting node types ${nodeTypes.join(', ')}; credentials ${declared.credentials.join(', ')}`);
		expect(declared.credentials).toContain(CREDENTIAL_TYPE);
		expect(nodeTypes).toEqual(expect.arrayContaining(NODE_TYPES));

		n8n = await startN8n({ name: 'smoke-package', packageTarball });

		const listedNodes = await n8n.rest('GET', '/types/nodes.json');
		const listedOurs = [...new Set(listedNodes.map((t) => t.name).filter((n) => n.startsWith(`${pkg.name}.`)))];
		if (!nodeTypes.every((t) => listedOurs.includes(t))) {
			throw new Error(
				`n8n lists [${listedOurs}] from ${pkg.name}, expected [${nodeTypes}]\n${await n8n.logs(80)}`,
			);
		}
		for (const node of declared.nodes) {
			const listed = listedNodes.find((t) => t.name === `${pkg.name}.${node.name}`);
			expect(listed.credentials?.map((c) => c.name) ?? []).toEqual(expect.arrayContaining(node.credentials));
		}

		const listedCredentials = (await n8n.rest('GET', '/types/credentials.json')).map((c) => c.name);
		expect(listedCredentials).toEqual(expect.arrayContaining(declared.credentials));

		// the description endpoint the editor uses when it opens a node
		const first = listedNodes.find((t) => t.name === nodeTypes[0]);
		const version = Array.isArray(first.version) ? Math.max(...first.version) : first.version;
		const [description] = await n8n.rest('POST', '/rest/node-types', {
			nodeInfos: [{ name: nodeTypes[0], version }],
		});
		// 2.30.8 returns the short name here, without the package prefix
		expect(description.name).toBe(declared.nodes[0].name);
	});
});
