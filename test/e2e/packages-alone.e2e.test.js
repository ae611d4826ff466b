'use strict';
/**
 * Each package of the repo, alone: for every package (the root n8n-nodes-useapi-midjourney and
 * each folder of packages/), a real n8n with ONLY that package's packed tarball installed (as
 * n8n's community-package installer does), no other package of this repo beside it. Per package:
 *  - nothing else of the repo is installed: the user folder's nodes/node_modules holds only it;
 *  - n8n loads it: /types/nodes.json and /types/credentials.json list every node and credential
 *    its package.json's n8n section declares (names read from the built classes), and no type of
 *    another package of the repo;
 *  - its examples run to success against its own simulator (in this process):
 *      root: examples/01 (MidjourneyV3, streamed, 4 images as binary) on the useapi.net v3
 *            simulator, and examples/08 (Midjourney v2 (Legacy)) on the v2 simulator: the two
 *            node types of this package that have no other e2e file running them alone
 *            (examples.e2e and agent-example run 01–06 and 09 with the root package alone too);
 *      midjourney-v1-api: every packages/midjourney-v1-api/examples/*.json on the /v1 simulator;
 *            01 pauses until the simulator's webhook resumes it through n8n, then upscales.
 *      midjourney-legnext: every packages/midjourney-legnext/examples/*.json on the Legnext
 *            simulator: 01–03 polled, with binary results; 04 pauses until the simulator's
 *            callbacks resume it through n8n's webhook server; 05a (the trigger) is published and
 *            05b's Don't Wait jobs, whose Callback URL is its Production URL, start it once per job.
 * One n8n per package, stopped before the next one boots.
 */
const crypto = require('node:crypto');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { startN8n, node24Bin, run, N8N_VERSION } = require('../../tools/n8n/n8n');
const { packPackage, listPackages } = require('../../tools/n8n/pack');
const {
	loadExamples,
	examplesDir,
	prepareWorkflow,
	LEGACY_PLACEHOLDER_ID,
	LEGNEXT_PLACEHOLDER_ID,
	V1_PLACEHOLDER_ID,
	triggerUrl,
} = require('../../tools/n8n/examples');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const { startSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator'));
const { startV1Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v1'));
const { startV2Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v2'));
const { startLegnextSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-legnext'));

const FINAL = ['success', 'error', 'crashed', 'canceled'];
const PACKAGES = listPackages();

/** Node and credential type names a package declares, read from its built classes (dist/). */
async function declaredTypes(dir) {
	const script = `
		const path = require('path');
		const load = (f) => Object.values(require(path.resolve(f))).filter((c) => typeof c === 'function').map((C) => new C());
		const pkg = require('./package.json');
		const nodes = pkg.n8n.nodes.flatMap(load).filter((n) => n.description).map((n) => n.description.name);
		const credentials = pkg.n8n.credentials.flatMap(load).filter((c) => c.name).map((c) => c.name);
		process.stdout.write(JSON.stringify({ nodes, credentials }));`;
	const r = await run(path.join(await node24Bin(), 'node'), ['-e', script], { cwd: dir });
	if (r.code !== 0) throw new Error(`could not load the built package in ${dir}:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

/** The packages installed in the user folder's nodes/node_modules (scoped ones as @scope/name). */
async function installedPackages(userFolder) {
	const dir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	const out = [];
	for (const name of await fsp.readdir(dir).catch(() => [])) {
		if (name.startsWith('.')) continue;
		if (name.startsWith('@')) {
			for (const sub of await fsp.readdir(path.join(dir, name))) out.push(`${name}/${sub}`);
		} else out.push(name);
	}
	return out.sort();
}

/**
 * Boots n8n with only `pkg`'s tarball and checks what it loaded. Returns { n8n, declared }.
 */
async function bootAlone(pkg) {
	const tarball = await packPackage({ packageDir: pkg.dir });
	const declared = await declaredTypes(pkg.dir);
	const n8n = await startN8n({ name: `alone-${pkg.key}`, packageTarballs: [tarball] });
	return { n8n, declared, tarball };
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value. */
async function waitFor(fn, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(250);
	}
}

/** Runs a workflow; a waiting execution (Pause Until Callback) is followed until it ends. */
async function runToEnd(n8n, id) {
	let exec = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
	const paused = exec.status === 'waiting';
	if (paused) exec = await n8n.waitForExecution(exec.executionId, { statuses: FINAL, timeoutMs: 120_000 });
	if (exec.status !== 'success') {
		throw new Error(`execution ${exec.executionId} ended ${exec.status}: ${JSON.stringify(exec.error)}\n${await n8n.logs(60)}`);
	}
	return { exec, paused };
}

describe.each(PACKAGES.map((p) => [p.key, p]))(`the %s package alone in n8n ${N8N_VERSION}`, (key, pkg) => {
	let n8n;
	let declared;
	const sims = [];

	beforeAll(async () => {
		({ n8n, declared } = await bootAlone(pkg));
	});
	afterAll(async () => {
		await n8n?.stop();
		await Promise.all(sims.map((s) => s.close()));
	});

	test(`only ${pkg.name} is installed`, async () => {
		expect(await installedPackages(n8n.userFolder)).toEqual([pkg.name]);
	});

	test('n8n lists every node and credential type it declares, and none of another package of the repo', async () => {
		expect(declared.nodes.length).toBeGreaterThan(0);
		expect(declared.credentials.length).toBeGreaterThan(0);
		const listedNodes = (await n8n.nodeTypes()).map((t) => t.name);
		const ours = [...new Set(listedNodes.filter((n) => n.startsWith(`${pkg.name}.`)))].sort();
		const expected = declared.nodes.map((n) => `${pkg.name}.${n}`);
		if (!expected.every((t) => ours.includes(t))) {
			throw new Error(`n8n lists [${ours}] from ${pkg.name}, expected [${expected}]\n${await n8n.logs(80)}`);
		}
		const others = PACKAGES.filter((p) => p.name !== pkg.name).map((p) => `${p.name}.`);
		expect(listedNodes.filter((n) => others.some((o) => n.startsWith(o)))).toEqual([]);

		const listedCredentials = (await n8n.credentialTypes()).map((c) => c.name);
		expect(listedCredentials).toEqual(expect.arrayContaining(declared.credentials));
		const otherCredentials = [];
		for (const other of PACKAGES.filter((p) => p.name !== pkg.name)) {
			otherCredentials.push(...(await declaredTypes(other.dir)).credentials);
		}
		// a credential type name belongs to one package of the repo
		expect(otherCredentials.filter((c) => declared.credentials.includes(c))).toEqual([]);
		expect(listedCredentials.filter((c) => otherCredentials.includes(c))).toEqual([]);
	});

	if (key === 'root') {
		test('examples/01 (MidjourneyV3, streamed) and examples/08 (Midjourney v2 (Legacy)) run to success on their simulators', async () => {
			const token = `e2e-alone-${crypto.randomBytes(12).toString('hex')}`;
			const v2Token = `e2e-alone-v2-${crypto.randomBytes(12).toString('hex')}`;
			const sim = await startSimulator({ port: 0, token, jobDurationMs: 1000 });
			sims.push(sim);
			const v2 = await startV2Simulator({ port: 0, token: v2Token, jobDurationMs: 1000 });
			sims.push(v2);
			const v3 = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API', { apiToken: token, baseUrl: sim.url });
			const legacy = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (v2)', { apiToken: v2Token, baseUrl: v2.url });
			const byKey = Object.fromEntries(loadExamples(examplesDir('root')).map((e) => [e.key, e.json]));
			const prepare = (json) =>
				prepareWorkflow(json, {
					credential: { id: String(v3.id), name: 'useapi.net API' },
					credentials: { [LEGACY_PLACEHOLDER_ID]: { id: String(legacy.id), name: 'useapi.net API (v2)' } },
					webhookUrl: n8n.webhookUrl,
				});

			const { exec: first } = await runToEnd(n8n, await n8n.importWorkflow(prepare(byKey['01'])));
			const [imagine] = first.items('Imagine');
			expect(imagine.json).toMatchObject({ verb: 'imagine', status: 'completed' });
			expect(Object.keys(imagine.binary).sort()).toEqual(['image1', 'image2', 'image3', 'image4']);
			expect(sim.log.filter((r) => r.method === 'POST' && r.path === '/v3/midjourney/jobs/imagine')).toHaveLength(1);

			const { exec: legacyRun } = await runToEnd(n8n, await n8n.importWorkflow(prepare(byKey['08'])));
			const grids = legacyRun.items('Imagine');
			expect(grids).toHaveLength(2);
			for (const { json, binary } of grids) {
				expect(json.status).toBe('completed');
				expect(binary.data.mimeType).toBe('image/png');
			}
			expect(v2.log.filter((r) => r.method === 'POST' && r.path === '/v2/jobs/imagine')).toHaveLength(2);
		});
	} else if (key === 'midjourney-v1-api') {
		test('every example in packages/midjourney-v1-api/examples runs to success on the /v1 simulator; 01 resumed by its webhook', async () => {
			const token = `e2e-alone-v1-${crypto.randomBytes(12).toString('hex')}`;
			const v1 = await startV1Simulator({ port: 0, token, jobDurationMs: 1000 });
			sims.push(v1);
			const cred = await n8n.createCredential('midjourneyV1ProfileApi', 'Midjourney OpenAPI Profile API', {
				apiToken: token,
				baseUrl: v1.url,
			});
			const credentials = { [V1_PLACEHOLDER_ID]: { id: String(cred.id), name: 'Midjourney OpenAPI Profile API' } };
			const all = loadExamples(examplesDir(key));
			expect(all.map((e) => e.file)).toContain('01-imagine-pause-upscale.json');
			for (const { file, json } of all) {
				const id = await n8n.importWorkflow(prepareWorkflow(json, { credentials, webhookUrl: n8n.webhookUrl }));
				const { exec, paused } = await runToEnd(n8n, id).catch((e) => {
					throw new Error(`${file}: ${e.message}`);
				});
				if (file.startsWith('01-')) {
					expect(paused).toBe(true);
					const [imagined] = exec.output('Imagine');
					expect(imagined).toMatchObject({ status: 'completed', verb: 'imagine' });
					// the simulator's webhook reached n8n's resume URL and was accepted
					const submit = v1.log.find((r) => r.method === 'POST' && r.path === '/v1/imagine');
					expect(submit.body.webhook_url).toContain(`/webhook-waiting/${exec.executionId}`);
					expect(v1.callbacks.some((c) => c.jobId === imagined.jobid && c.status === 200)).toBe(true);
					const [upscaled] = exec.items('Upscale');
					expect(upscaled.json).toMatchObject({ type: 'upscale', status: 'completed' });
					expect(upscaled.binary.image1.mimeType).toBe('image/png');
				}
			}
		});
	} else if (key === 'midjourney-legnext') {
		test('every example in packages/midjourney-legnext/examples runs to success on the Legnext simulator; 04 resumed by its callbacks, 05a started by 05b\'s jobs', async () => {
			const apiKey = `e2e-alone-legnext-${crypto.randomBytes(12).toString('hex')}`;
			const sim = await startLegnextSimulator({ key: apiKey, jobDurationMs: 1000 });
			sims.push(sim);
			const cred = await n8n.createCredential('midjourneyLegnextApi', 'Midjourney (Legnext) API', {
				apiToken: apiKey,
				baseUrl: sim.url,
			});
			const credentials = { [LEGNEXT_PLACEHOLDER_ID]: { id: String(cred.id), name: 'Midjourney (Legnext) API' } };
			const all = loadExamples(examplesDir(key));
			const byKey = Object.fromEntries(all.map((e) => [e.key, e.json]));
			expect(Object.keys(byKey).sort()).toEqual(['01', '02', '03', '04', '05a', '05b']);
			const prepare = (json) => prepareWorkflow(json, { credentials, webhookUrl: n8n.webhookUrl });
			const posts = (p) => sim.log.filter((r) => r.method === 'POST' && r.path === p);
			const pngs = (binary, names) => {
				expect(Object.keys(binary).sort()).toEqual(names);
				for (const n of names) expect(binary[n].mimeType).toBe('image/png');
			};
			const run = async (k) =>
				runToEnd(n8n, await n8n.importWorkflow(prepare(byKey[k]))).catch((e) => {
					throw new Error(`example ${k}: ${e.message}`);
				});

			// 01: one imagine, polled, the grid and four images as binary
			const { exec: one } = await run('01');
			const [imagine] = one.items('Imagine');
			expect(imagine.json).toMatchObject({ verb: 'diffusion', status: 'completed', usage: { consume: 80 } });
			pngs(imagine.binary, ['grid', 'image1', 'image2', 'image3', 'image4']);
			expect(posts('/api/v1/diffusion').map((r) => r.body.text)).toEqual([
				'a lighthouse on a cliff at dawn, oil painting --ar 3:2 --s 250',
			]);

			// 02: five prompts, one job each, in input order
			const { exec: two } = await run('02');
			const batch = two.items('Imagine');
			expect(batch.map((i) => i.json.prompt)).toEqual(byKey['02'].nodes[1].parameters.jsCode.match(/'[^']+'/g).map((q) => q.slice(1, -1)));
			for (const item of batch) pngs(item.binary, ['image1', 'image2', 'image3', 'image4']);
			expect(posts('/api/v1/diffusion')).toHaveLength(6);

			// 03: imagine, then upscale image 1 of it
			const { exec: three } = await run('03');
			const [parent] = three.output('Imagine');
			const [upscaled] = three.items('Upscale');
			expect(upscaled.json).toMatchObject({ verb: 'upscale', status: 'completed' });
			pngs(upscaled.binary, ['image1']);
			expect(posts('/api/v1/upscale').map((r) => r.body)).toEqual([{ jobId: parent.jobid, imageNo: 0, type: 0 }]);

			// 04: Pause Until Callback, resumed by the simulator's callbacks through n8n's webhook server
			const { exec: four, paused } = await run('04');
			expect(paused).toBe(true);
			const waited = four.items('Imagine');
			expect(waited.map((i) => i.json.status)).toEqual(['completed', 'completed']);
			for (const item of waited) pngs(item.binary, ['image1', 'image2', 'image3', 'image4']);
			const resumeUrl = `${n8n.webhookUrl}webhook-waiting/${four.executionId}`;
			for (const { json } of waited) {
				const post = sim.log.find((r) => r.method === 'POST' && r.jobId === json.jobid);
				expect(post.body.callback.startsWith(resumeUrl)).toBe(true);
				expect(sim.callbacks.some((c) => c.jobId === json.jobid && c.jobStatus === 'completed' && c.status === 200)).toBe(true);
			}

			// 05a published; 05b submits without waiting, its jobs' callbacks start 05a once per job
			const triggerId = await n8n.importWorkflow(prepare(byKey['05a']));
			await n8n.activate(triggerId);
			const { exec: five } = await run('05b');
			const submitted = five.output('Submit');
			expect(submitted.map((j) => j.status)).toEqual(['created', 'created']);
			const url = triggerUrl(byKey['05a'], n8n.webhookUrl);
			for (const { jobid } of submitted) {
				expect(sim.log.find((r) => r.method === 'POST' && r.jobId === jobid).body.callback).toBe(url);
			}
			const started = await waitFor(async () => {
				const list = await n8n.executions({ workflowId: triggerId });
				return list.length >= 2 && list.every((e) => FINAL.includes(e.status)) && list;
			}, 'two trigger executions');
			const jobs = [];
			for (const e of started) {
				const exec = await n8n.getExecution(e.id);
				expect(exec.status).toBe('success');
				const [item] = exec.items('Legnext callback');
				expect(item.json.status).toBe('completed');
				pngs(item.binary, ['image1', 'image2', 'image3', 'image4']);
				jobs.push(item.json.jobid);
			}
			expect(jobs.sort()).toEqual(submitted.map((j) => j.jobid).sort());
			await delay(1000);
			expect(await n8n.executions({ workflowId: triggerId })).toHaveLength(2);
			await n8n.deactivate(triggerId);
		});
	} else {
		test.todo(`${pkg.name}: run its examples against its own simulator here`);
	}
});

test('every package of the repo has its examples run above (a new package: add its case)', () => {
	expect(PACKAGES.map((p) => p.key)).toEqual(['root', 'midjourney-legnext', 'midjourney-v1-api']);
});
