#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a real n8n with one package of this repo installed and its example workflows
 * loaded, driven by local simulators (or, for the default package, the real useapi.net API when
 * USEAPI_TOKEN is set). Ctrl-C stops it.
 *
 * Which package (the repo publishes one per service):
 *   npm start                                     n8n-nodes-useapi-midjourney, the root (default):
 *                                                 MidjourneyV3 + its trigger, v2 (Legacy), AI Agent
 *   npm start -- --package midjourney-v1-api      packages/midjourney-v1-api (n8n-nodes-midjourney-v1-api):
 *                                                 the Midjourney /v1 API node on its own simulator
 *   npm start -- --package midjourney-legnext     packages/midjourney-legnext (n8n-nodes-midjourney-legnext):
 *                                                 Midjourney (Legnext) + its trigger on the Legnext simulator
 *   START_PACKAGE=midjourney-v1-api npm start     the same (the option wins over the variable)
 * A package is named by its folder under packages/ or its npm name; 'root' is the default.
 * Only that package is installed, so what you see is what a user of that package gets.
 *
 *   1. builds and packs the package (tools/n8n/pack.js: `npm run build` in its folder, `npm pack`)
 *   2. makes sure the pinned n8n runtime is installed (first run: 5–10 minutes, ~2.2 GB, in
 *      ~/.cache/n8n-nodes-useapi-midjourney/n8n-<version>)
 *   3. starts the package's simulators (jobs take a few seconds, so progress is visible)
 *   4. starts n8n on http://127.0.0.1:5678 (another free port if taken) with the package
 *      installed, user folder ~/.cache/n8n-nodes-useapi-midjourney/demo-user for the default
 *      package and demo-user-<package folder> for another (kept between runs; one per package,
 *      so switching never mixes installs)
 *   5. creates the owner and the package's credentials, imports its examples, and prints what to
 *      open and click:
 *      - default: a "useapi.net API" credential, a "useapi.net API (v2)" one (the legacy v2
 *        simulator) and an "OpenAI (local mock)" one (a scripted chat model started here, for the
 *        AI Agent example); imports examples/*.json and publishes the trigger example (04a)
 *      - midjourney-v1-api: a "Midjourney OpenAPI Profile API" credential on the /v1 simulator
 *        (port 8788 unless taken); imports packages/midjourney-v1-api/examples/*.json
 *      - midjourney-legnext: a "Midjourney (Legnext) API" credential on the Legnext simulator
 *        (port 8789 unless taken); imports packages/midjourney-legnext/examples/*.json and
 *        publishes its trigger example (05a)
 *
 * Environment: START_PACKAGE (see above), USEAPI_TOKEN (default package: use
 * https://api.useapi.net instead of the simulator; real jobs), USEAPI_BASE_URL (with
 * USEAPI_TOKEN), WEBHOOK_URL (public URL of this n8n, for callbacks from the real API), N8N_PORT
 * (default 5678), N8N_LISTEN_ADDRESS (default 127.0.0.1), DEMO_JOB_MS (simulator job duration,
 * default 8000), DEMO_USER_FOLDER (the user folder, whatever the package).
 *
 * Plain CommonJS for Node >= 20: `npm start` may run under the machine's Node; n8n itself is
 * started with Node 24 by the harness. Only asynchronous child processes: the simulators run
 * in this process.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const harness = require(path.join(REPO_ROOT, 'tools', 'n8n', 'n8n.js'));
const { packPackage, listPackages } = require(path.join(REPO_ROOT, 'tools', 'n8n', 'pack.js'));
const examples = require(path.join(REPO_ROOT, 'tools', 'n8n', 'examples.js'));
const { startSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator'));
const { startV1Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v1'));
const { startV2Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v2'));
const { startLegnextSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-legnext'));
const { startMockChatModel, lastUserText } = require(path.join(REPO_ROOT, 'tools', 'n8n', 'mockChatModel.js'));

const CACHE = path.join(os.homedir(), '.cache', 'n8n-nodes-useapi-midjourney');
const V1_PACKAGE = 'midjourney-v1-api';
const LEGNEXT_PACKAGE = 'midjourney-legnext';

/**
 * The package to show: `--package <name>` / `--package=<name>`, else $START_PACKAGE, else the root.
 * <name> is a folder of packages/, a package's npm name, or 'root'. Returns listPackages()'s entry.
 */
function choosePackage(argv, env) {
	let wanted = env.START_PACKAGE || '';
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--package') {
			if (!argv[i + 1] || argv[i + 1].startsWith('-')) throw new Error('--package needs a name, e.g. --package midjourney-v1-api');
			wanted = argv[++i];
		} else if (arg.startsWith('--package=')) {
			wanted = arg.slice('--package='.length);
		} else {
			throw new Error(`unknown argument ${arg}; the one option is --package <name>`);
		}
	}
	const packages = listPackages();
	const found = packages.find((p) => !wanted || p.key === wanted || p.name === wanted || (wanted === '.' && p.key === 'root'));
	if (!found) {
		const names = packages.map((p) => (p.key === 'root' ? `root (${p.name}, the default)` : `${p.key} (${p.name})`));
		throw new Error(`no package "${wanted}" in this repo; choose one of: ${names.join(', ')}`);
	}
	if (!['root', V1_PACKAGE, LEGNEXT_PACKAGE].includes(found.key)) {
		throw new Error(`npm start does not know how to show ${found.key} yet (scripts/start.js: add its simulator and examples)`);
	}
	return found;
}

let PACKAGE;
try {
	PACKAGE = choosePackage(process.argv.slice(2), process.env);
} catch (e) {
	process.stderr.write(`[start] ${e.message}\n`);
	process.exit(2);
}
const IS_ROOT = PACKAGE.key === 'root';
const USER_FOLDER =
	process.env.DEMO_USER_FOLDER || path.join(CACHE, IS_ROOT ? 'demo-user' : `demo-user-${PACKAGE.key}`);
const STATE_FILE = path.join(USER_FOLDER, 'demo-state.json');
const PID_FILE = path.join(USER_FOLDER, 'demo.pid');
const LOG_FILE = path.join(USER_FOLDER, 'n8n.log');
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-Passw0rd!',
};
const CREDENTIAL_NAME = 'useapi.net API';
const REAL_API = 'https://api.useapi.net';
const SIM_PORT = 8787;
/** the /v1 simulator's usual port (tools/simulator-v1/cli.js), when its package is shown */
const V1_SIM_PORT = 8788;
/** the Legnext simulator's usual port (tools/simulator-legnext/cli.js), when its package is shown */
const LEGNEXT_SIM_PORT = 8789;
const SIM_TOKEN = 'sim-token';
const V1_SIM_TOKEN = 'sim-v1-token';
const V2_SIM_TOKEN = 'sim-v2-token';
const LEGNEXT_SIM_KEY = 'sim-legnext-key';
const V1_CREDENTIAL = { type: 'midjourneyV1ProfileApi', name: 'Midjourney OpenAPI Profile API' };
const LEGACY_CREDENTIAL = { type: 'useApiMidjourneyApi', name: 'useapi.net API (v2)' };
const LEGNEXT_CREDENTIAL = { type: 'midjourneyLegnextApi', name: 'Midjourney (Legnext) API' };
const OPENAI_CREDENTIAL = { type: 'openAiApi', name: 'OpenAI (local mock)' };
const MOCK_MODEL_PORT = 8790;
const MOCK_MODEL_KEY = 'sk-local-mock';
const JOB_MS = Number(process.env.DEMO_JOB_MS || 8000);
const PREFERRED_PORT = Number(process.env.N8N_PORT || 5678);
// n8n gets this long to stop after SIGTERM before it is killed: everything is gone within 10 s
const STOP_GRACE_MS = 6000;

const useRealApi = IS_ROOT && Boolean(process.env.USEAPI_TOKEN);
const color = process.stdout.isTTY ? (c, s) => `\x1b[${c}m${s}\x1b[0m` : (_c, s) => s;
const bold = (s) => color('1', s);
const dim = (s) => color('2', s);
const t0 = Date.now();
const say = (msg) => process.stdout.write(`${dim(`[start ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)}s]`)} ${msg}\n`);

let sim;
let v1Sim;
let v2Sim;
let legnextSim;
let chatModel;
let n8n;
let stopping = null;
let firstSignalAt = 0;

// ------------------------------------------------------------------------------------------
// shutdown

async function shutdown(code) {
	if (!stopping) {
		stopping = (async () => {
			say('stopping n8n and the simulator …');
			try {
				await harness.cancelRuntimeInstall(); // lets the installer remove its partial folder
				if (n8n) await n8n.stop({ graceMs: STOP_GRACE_MS });
				else await harness.stopAll();
			} catch (e) {
				say(`n8n stop: ${e.message}`);
			}
			// open SSE streams can hold a close() up: give the simulators 2 s
			const closing = Promise.all([sim?.close(), v1Sim?.close(), v2Sim?.close(), legnextSim?.close(), chatModel?.close()]).catch(
				() => {},
			);
			await Promise.race([closing, new Promise((r) => setTimeout(r, 2000).unref())]);
			await fsp.rm(PID_FILE, { force: true }).catch(() => {});
			say('stopped.');
		})();
	}
	await stopping;
	process.exit(code);
}

harness.releaseSignals(); // we stop n8n gracefully ourselves
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		const now = Date.now();
		// npm forwards the terminal's Ctrl-C too: a second signal within 2 s is the same press
		if (stopping && now - firstSignalAt > 2000) {
			say('second interrupt: killing n8n now');
			if (n8n?.pid) {
				try {
					process.kill(-n8n.pid, 'SIGKILL');
				} catch {}
			}
			process.exit(130);
		}
		if (!firstSignalAt) firstSignalAt = now;
		process.stdout.write('\n');
		shutdown(sig === 'SIGINT' ? 130 : 143);
	});
}

// `npm start` runs this through `sh -c "exec node …"`, so npm's signals reach this process. Should
// npm itself die without passing one on (SIGKILL), this process is re-parented: stop as well.
const parentAtStart = process.ppid;
setInterval(() => {
	if (process.ppid !== parentAtStart && !stopping) {
		say('the process that started npm start is gone');
		shutdown(1);
	}
}, 1000).unref();

// ------------------------------------------------------------------------------------------
// steps

async function claimUserFolder() {
	await fsp.mkdir(USER_FOLDER, { recursive: true });
	try {
		const pid = Number(await fsp.readFile(PID_FILE, 'utf8'));
		if (pid && pid !== process.pid) {
			process.kill(pid, 0); // throws if it is gone
			throw new Error(
				`another \`npm start\` (pid ${pid}) is using ${USER_FOLDER}; stop it first (Ctrl-C in its terminal)`,
			);
		}
	} catch (e) {
		if (e.code !== 'ENOENT' && e.code !== 'ESRCH') throw e;
	}
	await fsp.writeFile(PID_FILE, String(process.pid));
}

/** Installs the pinned n8n when missing; scripts/n8n-runtime.sh prints its progress. */
async function ensureRuntime() {
	const dir = harness.runtimeDir();
	if (fs.existsSync(path.join(dir, '.installed-ok'))) {
		say(`n8n ${harness.N8N_VERSION} runtime: ${dir}`);
		return harness.ensureRuntime();
	}
	say(bold(`first run: installing n8n ${harness.N8N_VERSION} into ${dir} (once; later runs reuse it)`));
	const started = Date.now();
	const rt = await harness.ensureRuntime({ install: true });
	say(`n8n ${harness.N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return rt;
}

async function startApiSide() {
	if (useRealApi) {
		const baseUrl = (process.env.USEAPI_BASE_URL || REAL_API).replace(/\/+$/, '');
		say(`using the real useapi.net API at ${baseUrl} (USEAPI_TOKEN is set): jobs you run are real and paid`);
		try {
			const res = await fetch(`${baseUrl}/v3/midjourney/jobs`, {
				headers: { authorization: `Bearer ${process.env.USEAPI_TOKEN}` },
				signal: AbortSignal.timeout(15_000),
			});
			say(res.ok ? 'token check: GET /v3/midjourney/jobs answered 200' : `token check: GET /v3/midjourney/jobs answered ${res.status}; check USEAPI_TOKEN`);
		} catch (e) {
			say(`token check failed (${e.message}); n8n is started anyway`);
		}
		return { apiToken: process.env.USEAPI_TOKEN, baseUrl };
	}
	const port = (await harness.portInUse(SIM_PORT)) ? 0 : SIM_PORT;
	sim = await startSimulator({ port, token: SIM_TOKEN, jobDurationMs: JOB_MS, progressSteps: 4 });
	say(`simulator (useapi.net v3, offline): ${sim.url}  token ${SIM_TOKEN}  jobs take ${JOB_MS / 1000} s`);
	return { apiToken: SIM_TOKEN, baseUrl: sim.url };
}

function loadState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return { workflows: {} };
	}
}

async function saveState(state) {
	await fsp.writeFile(STATE_FILE, JSON.stringify(state, null, 2));
}

/**
 * Creates a demo credential, or points the existing one at this run's API. `key` names it in the
 * state file ('credentialId' for the useapi.net credential, as earlier runs saved it).
 */
async function upsertCredential(state, { key, type, name }, data) {
	const list = await n8n.rest('GET', '/rest/credentials');
	const existing = (Array.isArray(list) ? list : []).find(
		(c) => String(c.id) === String(state[key]) || (c.name === name && c.type === type),
	);
	if (existing) {
		await n8n.rest('PATCH', `/rest/credentials/${existing.id}`, { name: existing.name, type, data });
		state[key] = String(existing.id);
		return { id: String(existing.id), name: existing.name };
	}
	const created = await n8n.createCredential(type, name, data);
	state[key] = String(created.id);
	return { id: String(created.id), name };
}

/**
 * useapi.net's legacy v2 API for the Midjourney v2 (Legacy) example: the real one (same token as
 * v3) with USEAPI_TOKEN, else its simulator (useapi.net serves v2 beside v3; the simulators apart).
 */
async function startV2Side(useapiData) {
	if (useRealApi) return useapiData;
	v2Sim = await startV2Simulator({ port: 0, token: V2_SIM_TOKEN, jobDurationMs: JOB_MS });
	say(`simulator (useapi.net legacy v2, offline): ${v2Sim.url}  token ${V2_SIM_TOKEN}`);
	return { apiToken: V2_SIM_TOKEN, baseUrl: v2Sim.url };
}

/** The /v1 API's simulator, for the Midjourney /v1 API package's examples (no real service needed). */
async function startV1Side() {
	const port = (await harness.portInUse(V1_SIM_PORT)) ? 0 : V1_SIM_PORT;
	v1Sim = await startV1Simulator({ port, token: V1_SIM_TOKEN, jobDurationMs: JOB_MS });
	say(`simulator (Midjourney /v1 API, offline): ${v1Sim.url}  key ${V1_SIM_TOKEN}`);
	return { apiToken: V1_SIM_TOKEN, baseUrl: v1Sim.url };
}

/** The Legnext simulator, for the Midjourney (Legnext) package's examples (no Legnext key needed). */
async function startLegnextSide() {
	const port = (await harness.portInUse(LEGNEXT_SIM_PORT)) ? 0 : LEGNEXT_SIM_PORT;
	legnextSim = await startLegnextSimulator({ port, key: LEGNEXT_SIM_KEY, jobDurationMs: JOB_MS });
	say(`simulator (Legnext, offline): ${legnextSim.url}  key ${LEGNEXT_SIM_KEY}  (result files at ${legnextSim.cdnUrl})`);
	return { apiToken: LEGNEXT_SIM_KEY, baseUrl: legnextSim.url };
}

/**
 * A scripted OpenAI-compatible chat model for the AI Agent example (09), so it runs with no
 * OpenAI account and offline: it calls the Imagine tool with your chat message as the prompt, then
 * answers with what the tool returned (tools/n8n/mockChatModel.js).
 */
async function startChatModelSide() {
	const port = (await harness.portInUse(MOCK_MODEL_PORT)) ? 0 : MOCK_MODEL_PORT;
	chatModel = await startMockChatModel({ port, apiKey: MOCK_MODEL_KEY, text: lastUserText, toolName: 'Imagine' });
	say(`chat model (OpenAI-compatible mock, offline): ${chatModel.url}  key ${MOCK_MODEL_KEY}`);
	return { apiKey: MOCK_MODEL_KEY, url: chatModel.url, header: false };
}

const comparable = (wf) =>
	JSON.stringify({
		nodes: wf.nodes.map((n) => ({ name: n.name, type: n.type, parameters: n.parameters, credentials: n.credentials })),
		connections: wf.connections,
	});

/**
 * Imports every example; on later runs, updates an example only if you have not edited it
 * since (its versionId is still the one this script wrote), so your changes are never lost.
 */
async function syncExamples(state, credential, credentials, webhookUrl) {
	const out = {};
	for (const { file, key, json } of examples.loadExamples(examples.examplesDir(PACKAGE.key))) {
		const prepared = examples.prepareWorkflow(json, { credential, credentials, webhookUrl });
		const known = state.workflows[file];
		let current;
		if (known) {
			current = await n8n.getWorkflow(known.id).catch(() => undefined);
			if (current?.isArchived) current = undefined;
		}
		if (!current) {
			const id = await n8n.importWorkflow(prepared);
			current = await n8n.getWorkflow(id);
			state.workflows[file] = { id, versionId: current.versionId };
			say(`imported   ${file}`);
		} else if (current.versionId !== known.versionId) {
			say(`kept       ${file} (you edited it; delete it in n8n to get the original back)`);
		} else if (comparable(current) !== comparable(prepared)) {
			const updated = await n8n.rest('PATCH', `/rest/workflows/${current.id}`, {
				versionId: current.versionId,
				name: prepared.name,
				nodes: prepared.nodes,
				connections: prepared.connections,
			});
			current = updated;
			state.workflows[file] = { id: String(current.id), versionId: current.versionId };
			say(`updated    ${file}`);
		} else {
			say(`up to date ${file}`);
		}
		out[key] = { id: String(current.id), workflow: current, file };
	}
	return out;
}

/** Publishes the package's trigger example (root: 04a, Legnext: 05a) unless its current version is live. */
async function publishTrigger(state, imported, key = '04a') {
	const trigger = imported[key];
	if (!trigger) return undefined;
	const wf = await n8n.getWorkflow(trigger.id);
	const live = wf.active && (!wf.activeVersionId || wf.activeVersionId === wf.versionId);
	if (!live) {
		await n8n.activate(trigger.id);
		const after = await n8n.getWorkflow(trigger.id);
		state.workflows[trigger.file].versionId = after.versionId;
	}
	return trigger;
}

// ------------------------------------------------------------------------------------------

/**
 * The default package: useapi.net v3 (simulator or real API), its legacy v2 API, the mock chat
 * model; examples/*.json, the trigger example published. Returns the lines to print.
 */
async function setUpRootPackage(state, credentialData, webhookUrl) {
	const useapi = { key: 'credentialId', type: examples.CREDENTIAL_TYPE, name: CREDENTIAL_NAME };
	const credential = await upsertCredential(state, useapi, credentialData);
	say(`credential "${credential.name}" (id ${credential.id}) → ${credentialData.baseUrl}`);
	const legacy = { key: 'legacyCredentialId', ...LEGACY_CREDENTIAL };
	const credentials = {
		[examples.LEGACY_PLACEHOLDER_ID]: await upsertCredential(state, legacy, await startV2Side(credentialData)),
	};
	const openAi = { key: 'openAiCredentialId', ...OPENAI_CREDENTIAL };
	credentials[examples.OPENAI_PLACEHOLDER_ID] = await upsertCredential(state, openAi, await startChatModelSide());
	const imported = await syncExamples(state, credential, credentials, webhookUrl);
	const trigger = await publishTrigger(state, imported);
	await saveState(state);

	const editor = n8n.url;
	const open = (key) => (imported[key] ? `${editor}/workflow/${imported[key].id}` : '(missing)');
	return [
		useRealApi
			? `  API:      ${credentialData.baseUrl} (real jobs: they cost Midjourney time)`
			: `  API:      the simulator at ${sim.url} (token ${SIM_TOKEN}); every job takes ${JOB_MS / 1000} s`,
		'',
		'  Try, in this order (each link opens the workflow; then click "Execute workflow" at the bottom):',
		`  1. ${open('01')}`,
		'     MidjourneyV3 streams one imagine job. Double-click the "Imagine" node: OUTPUT shows the job,',
		'     and the Binary tab shows image1–image4.',
		`  2. ${open('02')}`,
		'     five prompts at once; five items come out in the order of the prompts.',
		`  3. ${open('03')}`,
		'     imagine, then press U1 on the grid; the upscaled image arrives as binary image1.',
		`  4. ${open('04b')}`,
		'     submits three prompts and ends at once (Don\'t Wait). The jobs report to the published',
		`     trigger workflow ${open('04a')}`,
		'     open its Executions tab: one execution per finished job.',
		`  5. ${open('05')}`,
		'     Pause Until Callback: the execution shows "Waiting" while the jobs run, then finishes with',
		'     the three results (see Executions).',
		`  6. ${open('06')}`,
		'     Prompt Parameters (aspect ratio, version, stylize…) as fields; set Stylize to 5000 and the',
		'     run stops before any request, naming the rule.',
		`  7. ${open('08')}`,
		'     useapi.net\'s legacy v2 API (MidjourneyV3 is preferred): two prompts, each grid as binary.',
		`  8. ${open('09')}`,
		'     an AI Agent with MidjourneyV3 as its tools: click "Open chat" and type what to draw. The',
		'     agent calls the Imagine tool and answers with the job id and the images. Its chat model is a',
		'     local mock that always calls Imagine with your message; to use a real model, pick your own',
		'     OpenAI credential in "OpenAI Chat Model".',
		'',
		`  Trigger URL (Reply URL for your own jobs): ${trigger ? examples.triggerUrl(trigger.workflow, webhookUrl) : '-'}`,
		useRealApi && !process.env.WEBHOOK_URL
			? '  Note: useapi.net cannot reach 127.0.0.1: examples 4 and 5 need WEBHOOK_URL=<public URL of this n8n>.'
			: null,
		`  The Midjourney /v1 API nodes are a package of their own: npm start -- --package ${V1_PACKAGE}`,
		`  So are the Legnext nodes (a live Midjourney API): npm start -- --package ${LEGNEXT_PACKAGE}`,
	];
}

/**
 * packages/midjourney-v1-api: its simulator, its credential, its examples. Returns the lines to print.
 */
async function setUpV1Package(state, v1Data, webhookUrl) {
	if (process.env.USEAPI_TOKEN) say('USEAPI_TOKEN is for the useapi.net package (the default): not used here');
	const v1 = { key: 'v1CredentialId', ...V1_CREDENTIAL };
	const credential = await upsertCredential(state, v1, v1Data);
	say(`credential "${credential.name}" (id ${credential.id}) → ${v1Data.baseUrl}`);
	const imported = await syncExamples(state, undefined, { [examples.V1_PLACEHOLDER_ID]: credential }, webhookUrl);
	await saveState(state);

	const editor = n8n.url;
	const open = (key) => (imported[key] ? `${editor}/workflow/${imported[key].id}` : '(missing)');
	return [
		`  API:      the /v1 simulator at ${v1Sim.url} (key ${V1_SIM_TOKEN}); every job takes ${JOB_MS / 1000} s.`,
		'            It is written from the /v1 OpenAPI profile (a third-party catalogue\'s document); to try a',
		'            service of your own, set its Base URL and key in the credential (npm start resets them).',
		'',
		'  Try (the link opens the workflow; then click "Execute workflow" at the bottom):',
		`  1. ${open('01')}`,
		'     Midjourney /v1 API: imagine with Pause Until Callback; the execution shows "Waiting" until the',
		'     simulator\'s webhook resumes it, then image 1 is upscaled and arrives as binary image1.',
		'',
		'  The useapi.net nodes (MidjourneyV3, v2 Legacy, the AI Agent example) are the default: npm start',
	];
}

/**
 * packages/midjourney-legnext: the Legnext simulator, its credential, its examples, the trigger
 * example (05a) published. Returns the lines to print.
 */
async function setUpLegnextPackage(state, legnextData, webhookUrl) {
	if (process.env.USEAPI_TOKEN) say('USEAPI_TOKEN is for the useapi.net package (the default): not used here');
	const legnextCredential = { key: 'legnextCredentialId', ...LEGNEXT_CREDENTIAL };
	const credential = await upsertCredential(state, legnextCredential, legnextData);
	say(`credential "${credential.name}" (id ${credential.id}) → ${legnextData.baseUrl}`);
	const imported = await syncExamples(state, undefined, { [examples.LEGNEXT_PLACEHOLDER_ID]: credential }, webhookUrl);
	const trigger = await publishTrigger(state, imported, '05a');
	await saveState(state);

	const editor = n8n.url;
	const open = (key) => (imported[key] ? `${editor}/workflow/${imported[key].id}` : '(missing)');
	return [
		`  API:      the Legnext simulator at ${legnextSim.url} (key ${LEGNEXT_SIM_KEY}); every job takes ${JOB_MS / 1000} s.`,
		"            It is written from Legnext's public description, not checked against the live service. With",
		'            your own key and Base URL https://api.legnext.ai in the credential, jobs are real and cost',
		'            points (npm start resets the credential to the simulator).',
		'',
		'  Try, in this order (each link opens the workflow; then click "Execute workflow" at the bottom):',
		`  1. ${open('01')}`,
		'     one imagine, read until done: the Binary tab of "Imagine" shows the grid and image1–image4;',
		'     OUTPUT shows usage, the points the job cost.',
		`  2. ${open('02')}`,
		'     five prompts at once; five items come out in the order of the prompts.',
		`  3. ${open('03')}`,
		'     imagine, then Upscale of image 1 (checked against the job\'s available actions first).',
		`  4. ${open('04')}`,
		'     Pause Until Callback: the execution shows "Waiting" until the simulator\'s callbacks report',
		'     both jobs done (each checked by reading the job), then finishes (see Executions).',
		`  5. ${open('05b')}`,
		"     submits two prompts and ends at once (Don't Wait). The jobs report to the published trigger",
		`     workflow ${open('05a')}`,
		'     open its Executions tab: one execution per finished job.',
		'',
		`  Trigger URL (Callback URL for your own jobs): ${trigger ? examples.triggerUrl(trigger.workflow, webhookUrl) : '-'}`,
		'  The useapi.net nodes (MidjourneyV3, v2 Legacy, the AI Agent example) are the default: npm start',
	];
}

async function main() {
	say(bold(`${PACKAGE.name} demo`));
	if (!fs.existsSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'n8n-node'))) {
		throw new Error('node_modules is missing: run `npm install` first (see README)');
	}
	await claimUserFolder();

	say('Node 24 for the build and n8n (downloaded from the npm registry on first use) …');
	const nodeBin = await harness.node24Bin();
	say(`Node 24: ${path.join(nodeBin, 'node')}`);

	const where = IS_ROOT ? '' : ` in ${path.relative(REPO_ROOT, PACKAGE.dir)}`;
	say(`building and packing ${PACKAGE.name} (npm run build${where}, npm pack) …`);
	const tarball = await packPackage({ packageDir: PACKAGE.dir });
	say(`package: ${path.relative(REPO_ROOT, tarball)}`);

	await ensureRuntime();
	const credentialData = IS_ROOT
		? await startApiSide()
		: PACKAGE.key === LEGNEXT_PACKAGE
			? await startLegnextSide()
			: await startV1Side();

	const port = (await harness.portInUse(PREFERRED_PORT)) ? await harness.freePort() : PREFERRED_PORT;
	if (port !== PREFERRED_PORT) say(`port ${PREFERRED_PORT} is taken: using ${port}`);
	const env = {};
	if (process.env.WEBHOOK_URL) {
		env.WEBHOOK_URL = process.env.WEBHOOK_URL.replace(/\/?$/, '/');
		env.N8N_WEBHOOK_URL = env.WEBHOOK_URL;
	}
	if (process.env.N8N_LISTEN_ADDRESS) env.N8N_LISTEN_ADDRESS = process.env.N8N_LISTEN_ADDRESS;
	say(`starting n8n ${harness.N8N_VERSION} with ${PACKAGE.name} (user folder ${USER_FOLDER}, log ${LOG_FILE}) …`);
	try {
		n8n = await harness.startN8n({
			packageTarball: tarball,
			userFolder: USER_FOLDER,
			keepUserFolder: true,
			port,
			owner: OWNER,
			logFile: LOG_FILE,
			env,
			quiet: true,
		});
	} catch (e) {
		if (/rest\/login -> 401/.test(e.message)) {
			throw new Error(
				`n8n started, but ${OWNER.email} / ${OWNER.password} no longer signs in (password changed?). ` +
					`Sign in with your own password at http://127.0.0.1:${port}, or delete ${USER_FOLDER} to start over.`,
			);
		}
		throw e;
	}
	const webhookUrl = env.WEBHOOK_URL || n8n.webhookUrl;

	const state = loadState();
	const packageLines = IS_ROOT
		? await setUpRootPackage(state, credentialData, webhookUrl)
		: PACKAGE.key === LEGNEXT_PACKAGE
			? await setUpLegnextPackage(state, credentialData, webhookUrl)
			: await setUpV1Package(state, credentialData, webhookUrl);

	const lines = [
		'',
		bold(`n8n ${harness.N8N_VERSION} is running with ${PACKAGE.name}:  ${n8n.url}`),
		`  sign in:  ${bold(OWNER.email)}  /  ${bold(OWNER.password)}`,
		...packageLines,
		`  Your workflows and login are kept in ${USER_FOLDER} (delete it to start over).`,
		'',
		bold(IS_ROOT ? '  Ctrl-C stops n8n, the simulators and the chat model.' : '  Ctrl-C stops n8n and the simulator.'),
		'',
	].filter((l) => l !== null);
	process.stdout.write(`${lines.join('\n')}\n`);

	// Stay up; if n8n dies on its own, say so and stop.
	for (;;) {
		await new Promise((r) => setTimeout(r, 2000));
		if (stopping) return;
		if (!n8n.running) {
			say(`n8n exited unexpectedly; see ${LOG_FILE}`);
			await shutdown(1);
		}
	}
}

main().catch(async (e) => {
	if (stopping) return; // interrupted mid-way: shutdown() is already exiting
	process.stderr.write(`\n[start] ${e.message}\n`);
	await shutdown(1);
});
