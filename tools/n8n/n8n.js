'use strict';
/**
 * Run a real, headless n8n (the pinned runtime installed by scripts/n8n-runtime.sh) for e2e tests.
 *
 *   const { startN8n } = require('./harness/n8n');
 *   const n8n = await startN8n({ packageTarball });   // boots, sets up the owner, logs in
 *   const n8n = await startN8n({ packageTarballs: [root, v1] });  // several packages of the repo
 *   const cred = await n8n.createCredential('useApiMidjourneyApi', 'MJ', { apiToken: 't' });
 *   const id = await n8n.importWorkflow(workflowJson);
 *   const run = await n8n.runWorkflow(id);            // { executionId, status, runData, output(node) ... }
 *   await n8n.stop();
 *
 * Everything here is asynchronous on purpose: a test process that also hosts the API simulator
 * must never block its event loop (no spawnSync / execSync while a simulator runs).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'artifacts');
const RUNTIME_SCRIPT = path.join(REPO_ROOT, 'scripts', 'n8n-runtime.sh');
const NODE24_SCRIPT = path.join(REPO_ROOT, 'scripts', 'node24.sh');

/** The pinned version: $N8N_VERSION, else the default in scripts/n8n-runtime.sh (single source). */
const N8N_VERSION =
	process.env.N8N_VERSION ||
	(fs.readFileSync(RUNTIME_SCRIPT, 'utf8').match(/^N8N_VERSION="\$\{N8N_VERSION:-([^}]+)\}"/m) || [])[1];
if (!N8N_VERSION) throw new Error(`cannot read the default N8N_VERSION from ${RUNTIME_SCRIPT}`);
const DEFAULT_OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
};
const ENCRYPTION_KEY = 'n8n-nodes-useapi-midjourney-e2e-fixed-key';
const READY_LINE = 'Editor is now accessible via';

const live = new Set();

// ---------------------------------------------------------------------------------------------
// small async helpers

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command asynchronously; resolves { code, stdout, stderr }. Never blocks the loop. */
function run(cmd, args, options = {}) {
	const { input, timeoutMs, onStderr, onSpawn, ...spawnOpts } = options;
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...spawnOpts });
		if (onSpawn) onSpawn(child);
		let stdout = '';
		let stderr = '';
		let timer;
		if (timeoutMs) {
			timer = setTimeout(() => {
				try {
					if (spawnOpts.detached) process.kill(-child.pid, 'SIGKILL');
					else child.kill('SIGKILL');
				} catch {}
			}, timeoutMs);
		}
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => {
			stderr += d;
			if (onStderr) onStderr(String(d));
		});
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

/** A free TCP port on 127.0.0.1 (bind to 0, read, close). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

async function freePorts(n) {
	const ports = new Set();
	while (ports.size < n) ports.add(await freePort());
	return [...ports];
}

/** Is something accepting connections on 127.0.0.1:port? */
function portInUse(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

async function tail(file, lines = 60) {
	try {
		const text = await fsp.readFile(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

// ---------------------------------------------------------------------------------------------
// runtime + Node 24

let node24Promise;
/** Sources scripts/node24.sh (installs Node 24 from the registry on first use); returns its bin dir. */
function node24Bin() {
	if (!node24Promise) {
		node24Promise = run('bash', ['-c', `source "${NODE24_SCRIPT}" >&2 && printf %s "$NODE24_HOME/bin"`], {
			timeoutMs: 10 * 60_000,
		}).then((r) => {
			if (r.code !== 0 || !r.stdout) throw new Error(`node24.sh failed:\n${r.stderr}`);
			return r.stdout;
		});
		node24Promise.catch(() => (node24Promise = undefined));
	}
	return node24Promise;
}

function runtimeDir() {
	return (
		process.env.N8N_RUNTIME_DIR ||
		path.join(os.homedir(), '.cache', 'n8n-nodes-useapi-midjourney', `n8n-${N8N_VERSION}`)
	);
}

let runtimePromise;
let installChild;

/**
 * Stops a runtime install in progress (SIGTERM: scripts/n8n-runtime.sh stops npm and removes its
 * partial folder) and waits for it, so a program can exit without leaving half an install.
 */
async function cancelRuntimeInstall(timeoutMs = 20_000) {
	const child = installChild;
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const closed = new Promise((r) => child.once('close', r));
	child.kill('SIGTERM');
	let timer;
	await Promise.race([closed, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
	clearTimeout(timer);
}

/**
 * Makes sure the pinned n8n is installed (runs scripts/n8n-runtime.sh when the marker is missing;
 * that takes minutes the first time). Returns { dir, n8nBin, nodeBin }.
 */
function ensureRuntime({ install = process.env.N8N_E2E_NO_INSTALL !== '1' } = {}) {
	if (!runtimePromise) {
		runtimePromise = (async () => {
			const dir = runtimeDir();
			const n8nMain = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
			const ok = fs.existsSync(path.join(dir, '.installed-ok')) && fs.existsSync(n8nMain);
			if (!ok) {
				if (!install) {
					throw new Error(`n8n runtime missing in ${dir}: run scripts/n8n-runtime.sh`);
				}
				let r;
				try {
					r = await run('bash', [RUNTIME_SCRIPT], {
						env: { ...process.env, N8N_VERSION, N8N_RUNTIME_DIR: dir },
						onStderr: (s) => process.stderr.write(s),
						onSpawn: (child) => (installChild = child),
					});
				} finally {
					installChild = undefined;
				}
				if (r.code !== 0) {
					const note = await fsp.readFile(`${dir}.failed`, 'utf8').catch(() => '');
					throw new Error(note.trim() || `scripts/n8n-runtime.sh failed (exit ${r.code})`);
				}
			}
			const nodeBin = await node24Bin();
			return { dir, n8nMain, nodeBin, node: path.join(nodeBin, 'node') };
		})();
		runtimePromise.catch(() => (runtimePromise = undefined));
	}
	return runtimePromise;
}

/** Lazily requires a module from the n8n runtime (flatted, ...) without it being a project dep. */
function requireFromRuntime(dir, name) {
	const n8nPkg = path.join(dir, 'node_modules', 'n8n', 'package.json');
	return require(require.resolve(name, { paths: [path.dirname(n8nPkg), dir] }));
}

// ---------------------------------------------------------------------------------------------
// community package install (the way n8n's own installer does it)

/**
 * Installs `npm pack`ed tarballs into <userFolder>/.n8n/nodes the way n8n's community-package
 * installer does (CommunityPackagesService.downloadPackage, the same in n8n 2.30.8 and 2.41.1), one package after the
 * other, each replacing an earlier install of itself:
 *   1. the tarball is unpacked into nodes/node_modules/<name> (--strip-components=1);
 *   2. devDependencies, peerDependencies and optionalDependencies are removed from its
 *      package.json, so n8n-workflow is not installed beside it and does not shadow n8n's copy;
 *   3. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *      --ignore-scripts=true --package-lock=false` runs in that folder (its runtime dependencies,
 *      none for this repo's packages);
 *   4. nodes/package.json lists it under dependencies with its version.
 * `tarballs` is one path or an array of paths. Returns the nodes folder.
 */
async function installPackage(userFolder, tarballs, env) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await fsp.mkdir(nodesDir, { recursive: true });
	const nodesPkgJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesPkgJson)) {
		await fsp.writeFile(nodesPkgJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	for (const tarball of [].concat(tarballs).filter(Boolean)) {
		const file = path.resolve(tarball);
		const read = await run('tar', ['-xzOf', file, 'package/package.json']);
		if (read.code !== 0) throw new Error(`cannot read package/package.json in ${file}:\n${read.stderr}`);
		const { name, version } = JSON.parse(read.stdout);
		const packageDir = path.join(nodesDir, 'node_modules', ...name.split('/'));
		await fsp.rm(packageDir, { recursive: true, force: true });
		await fsp.mkdir(packageDir, { recursive: true });
		const untar = await run('tar', ['-xzf', file, '-C', packageDir, '--strip-components=1']);
		if (untar.code !== 0) throw new Error(`unpacking ${file} into ${packageDir} failed:\n${untar.stderr}`);
		const pkgJsonPath = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
			await fsp.readFile(pkgJsonPath, 'utf8'),
		);
		await fsp.writeFile(pkgJsonPath, JSON.stringify(manifest, null, 2), 'utf8');
		const r = await run(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=warn',
			],
			{ cwd: packageDir, env, timeoutMs: 5 * 60_000 },
		);
		if (r.code !== 0) {
			throw new Error(`npm install in ${packageDir} (from ${file}) failed (exit ${r.code}):\n${r.stderr}`);
		}
		const nodesPkg = JSON.parse(await fsp.readFile(nodesPkgJson, 'utf8'));
		nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [name]: version };
		await fsp.writeFile(nodesPkgJson, JSON.stringify(nodesPkg, null, 2));
	}
	return nodesDir;
}

/** The tarballs of `opts.packageTarballs` and `opts.packageTarball` (either, both or none), in order. */
function tarballsOf(opts = {}) {
	return [...(opts.packageTarballs || []), ...(opts.packageTarball ? [opts.packageTarball] : [])].filter(
		(t, i, all) => t && all.indexOf(t) === i,
	);
}

// ---------------------------------------------------------------------------------------------
// one n8n process (main, worker or webhook processor): environment, spawn, readiness, stop

/** Process handles alive in this test process (each the leader of its own process group). */
const liveProcs = new Set();

/**
 * The environment every n8n process of the harness runs with: a headless, offline n8n on
 * 127.0.0.1 with the runtime's Node 24 first on PATH. `extra` comes last (DB_TYPE, queue
 * settings, ...). Returns { env, baseEnv } (baseEnv: the PATH/Node part, for npm).
 */
function n8nEnv(rt, { userFolder, port, brokerPort, webhookUrl, editorUrl, extra = {} }) {
	const PATH = `${rt.nodeBin}${path.delimiter}${process.env.PATH || ''}`;
	const baseEnv = { ...process.env, PATH, npm_config_nodedir: path.dirname(rt.nodeBin) };
	// jest sets NODE_ENV=test; n8n has test-only branches for it (`inTest` in the task runner
	// module, node loader, event bus, ...). Run it as a user would: drop it.
	delete baseEnv.NODE_ENV;
	delete baseEnv.JEST_WORKER_ID;
	const env = {
		...baseEnv,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: webhookUrl,
		N8N_WEBHOOK_URL: webhookUrl, // 2.30.8 logs WEBHOOK_URL as deprecated in favour of this one
		N8N_EDITOR_BASE_URL: editorUrl,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// offline: the MCP registry module fetches api.n8n.io at boot and logs stack traces
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...extra,
	};
	return { env, baseEnv };
}

/**
 * Spawns `n8n <command>` (start | worker | webhook) in its own process group, its output appended
 * to `logFile`, and resolves once it is ready: `readyLine` seen in its output and, when given,
 * `readyUrl` answering 200. On a failed boot it kills the group and throws with the log's tail.
 * Returns a handle: { pid, command, logFile, running, exited (promise), kill(signal) (the n8n
 * process only, as a crash would), stop(graceMs) (SIGTERM to the group, SIGKILL after the grace,
 * then the group's stragglers such as the task runner) }.
 */
async function startN8nProcess(rt, { command, args = [], env, cwd, logFile, readyLine, readyUrl, bootTimeoutMs = 180_000, header = '' }) {
	const out = fs.openSync(logFile, 'a');
	fs.writeSync(out, `\n===== n8n ${command} ${new Date().toISOString()} ${header}\n`);
	fs.closeSync(out);
	const child = spawn(rt.node, [rt.n8nMain, command, ...args], {
		cwd,
		env,
		detached: true, // own process group: stop() kills n8n + its task runner together
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pgid = child.pid;
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	let sawReady = false;
	let buf = '';
	const onData = (d) => {
		logStream.write(d);
		if (!sawReady) {
			buf = (buf + d).slice(-4096);
			if (buf.includes(readyLine)) sawReady = true;
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve({ code, signal }));
	});
	// 'close' comes after the last stdout/stderr chunk ('exit' may come before it)
	child.on('close', (code, signal) => {
		logStream.end(`\n===== n8n ${command} exited code=${code} signal=${signal}\n`);
	});
	let exitInfo = null;
	exited.then((e) => (exitInfo = e));

	const groupAlive = () => {
		try {
			process.kill(-pgid, 0);
			return true;
		} catch {
			return false;
		}
	};
	const signalGroup = (sig) => {
		try {
			process.kill(-pgid, sig);
		} catch {}
	};
	let stopping = null;
	const handle = {
		command,
		pid: child.pid,
		logFile,
		exited,
		get running() {
			return child.exitCode === null && child.signalCode === null;
		},
		/** Signals the n8n process itself (not its group): SIGKILL here is a crash. */
		kill(sig = 'SIGKILL') {
			try {
				process.kill(child.pid, sig);
			} catch {}
		},
		/** SIGTERM to the group, SIGKILL after `graceMs`; waits until the whole group is gone. */
		stop(graceMs = 10_000) {
			if (!stopping) {
				stopping = (async () => {
					if (handle.running) {
						signalGroup('SIGTERM');
						let graceTimer;
						const timedOut = await Promise.race([
							exited.then(() => false),
							new Promise((r) => (graceTimer = setTimeout(() => r(true), graceMs))),
						]);
						clearTimeout(graceTimer);
						if (timedOut) signalGroup('SIGKILL');
						await exited;
					}
					// the task runner (same group) may outlive the main process for a moment
					for (let i = 0; i < 40 && groupAlive(); i++) {
						if (i === 20) signalGroup('SIGKILL');
						await delay(100);
					}
					if (groupAlive()) signalGroup('SIGKILL');
					liveProcs.delete(handle);
				})();
			}
			return stopping;
		},
		/** SIGKILL to the whole group, synchronously (last-resort cleanup). */
		killGroupSync() {
			signalGroup('SIGKILL');
		},
	};
	liveProcs.add(handle);

	const deadline = Date.now() + bootTimeoutMs;
	let ready = !readyUrl;
	while (Date.now() < deadline) {
		if (exitInfo) break;
		if (!ready) {
			try {
				const res = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
				ready = res.status === 200;
			} catch {}
		}
		if (ready && sawReady) return handle;
		await delay(250);
	}
	const why = exitInfo
		? `n8n ${command} exited during boot (code ${exitInfo.code}, signal ${exitInfo.signal})`
		: `n8n ${command} not ready after ${bootTimeoutMs} ms (readiness=${ready}, logLine=${sawReady})`;
	await handle.stop();
	throw new Error(`${why}\n--- ${logFile} (tail) ---\n${await tail(logFile)}`);
}

// ---------------------------------------------------------------------------------------------
// the instance

/**
 * Boots a headless n8n. Options (all optional):
 *   packageTarballs paths of `npm pack`ed tarballs to install into <userFolder>/.n8n/nodes, in order
 *   packageTarball  one such path (kept for callers with one package; both may be given)
 *   userFolder      reuse a folder (default: fresh mkdtemp per call; removed on stop unless keep)
 *   keepUserFolder  don't delete the (temp) user folder on stop (default false; true if given)
 *   port, brokerPort  fixed ports (default: free ports)
 *   env             extra environment for n8n (e.g. { N8N_LOG_LEVEL: 'debug' })
 *   webhookUrl      WEBHOOK_URL when webhooks are served elsewhere (a webhook processor); default this n8n
 *   name            label for the log file test/e2e/artifacts/<name>-<timestamp>-<port>.log
 *   logFile         write n8n's output here instead (appended)
 *   bootTimeoutMs   default 180000
 *   owner           { email, firstName, lastName, password }
 *   quiet           don't echo boot progress to stderr
 */
async function startN8n(opts = {}) {
	const rt = await ensureRuntime();
	const owner = { ...DEFAULT_OWNER, ...(opts.owner || {}) };
	const ownedFolder = !opts.userFolder;
	const userFolder =
		opts.userFolder || (await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-')));
	const keepUserFolder = opts.keepUserFolder ?? !ownedFolder;
	const [p1, p2] = await freePorts(2);
	const port = opts.port || p1;
	const brokerPort = opts.brokerPort || p2;
	const name = (opts.name || 'n8n').replace(/[^\w.-]+/g, '_');
	await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
	const logFile =
		opts.logFile ||
		path.join(ARTIFACTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`);
	await fsp.mkdir(path.dirname(logFile), { recursive: true });

	const url = `http://127.0.0.1:${port}`;
	/** where n8n says its webhooks are (WEBHOOK_URL): this process, or opts.webhookUrl (a webhook processor) */
	const webhookUrl = opts.webhookUrl || `${url}/`;
	const { env, baseEnv } = n8nEnv(rt, {
		userFolder,
		port,
		brokerPort,
		webhookUrl,
		editorUrl: url,
		extra: opts.env || {},
	});

	const tarballs = tarballsOf(opts);
	if (tarballs.length) {
		await installPackage(userFolder, tarballs, baseEnv);
	}

	const browserId = crypto.randomUUID();
	let cookie = '';
	let proc = null;
	let stopping = null;

	async function spawnAndWait() {
		if (await portInUse(port)) throw new Error(`port ${port} is already in use`);
		live.add(instance);
		proc = await startN8nProcess(rt, {
			command: 'start',
			env,
			cwd: userFolder,
			logFile,
			header: `port=${port} broker=${brokerPort}`,
			readyLine: READY_LINE,
			readyUrl: `${url}/healthz/readiness`,
			bootTimeoutMs: opts.bootTimeoutMs || 180_000,
		});
	}

	async function killTree(graceMs = 10_000) {
		const p = proc;
		proc = null;
		if (p) await p.stop(graceMs);
	}

	// ----- REST

	async function request(method, p, body, { raw = false, headers = {} } = {}) {
		// '/workflows' -> '/rest/workflows'; '/rest/..', '/types/..', '/healthz', '/webhook/..' as is
		const rel = p.startsWith('/') ? p : `/${p}`;
		const asIs = /^\/(rest|types|healthz|webhook|webhook-test|webhook-waiting|form|form-test|form-waiting|icons|api|metrics)(\/|\?|$)/;
		const full = /^https?:/.test(p) ? p : `${url}${asIs.test(rel) ? '' : '/rest'}${rel}`;
		const res = await fetch(full, {
			method,
			headers: {
				'browser-id': browserId,
				...(cookie ? { cookie } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...headers,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (raw) return { status: res.status, headers: res.headers, body: json ?? text };
		if (!res.ok) {
			const err = new Error(`${method} ${full} -> ${res.status}: ${text.slice(0, 1000)}`);
			err.status = res.status;
			err.body = json ?? text;
			throw err;
		}
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	async function setupOwnerAndLogin() {
		// owner setup only works once per user folder; after a restart it answers 400
		const settings = await request('GET', '/rest/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad !== false;
		if (needsSetup) {
			await request('POST', '/rest/owner/setup', owner);
		}
		await request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	async function start() {
		const t0 = Date.now();
		await spawnAndWait();
		await setupOwnerAndLogin();
		if (!opts.quiet) {
			process.stderr.write(`[e2e] n8n ${N8N_VERSION} ready at ${url} in ${Date.now() - t0} ms (log ${path.relative(REPO_ROOT, logFile)})\n`);
		}
	}

	// ----- executions

	function parseExecution(exec) {
		if (!exec) return exec;
		let data = exec.data;
		if (typeof data === 'string') {
			const { parse } = requireFromRuntime(rt.dir, 'flatted');
			data = parse(data);
		}
		const runData = data?.resultData?.runData || {};
		return {
			...exec,
			executionId: exec.id === undefined ? undefined : String(exec.id),
			data,
			runData,
			lastNodeExecuted: data?.resultData?.lastNodeExecuted,
			error: data?.resultData?.error,
			/** items (json only) of a node's output: output('Set'), output('IF', 1), output('X', 0, runIndex) */
			output(nodeName, outputIndex = 0, runIndex = -1) {
				const runs = runData[nodeName];
				if (!runs || !runs.length) return undefined;
				const r = runs.at(runIndex);
				const items = r?.data?.main?.[outputIndex];
				return items ? items.map((it) => it.json) : undefined;
			},
			/** full items (json + binary + pairedItem) */
			items(nodeName, outputIndex = 0, runIndex = -1) {
				const r = runData[nodeName]?.at(runIndex);
				return r?.data?.main?.[outputIndex];
			},
		};
	}

	async function getExecution(id) {
		return parseExecution(await request('GET', `/rest/executions/${id}`));
	}

	const SETTLED = ['success', 'error', 'crashed', 'canceled', 'waiting'];

	/** Polls until the execution's status is one of `statuses` (default: anything but new/running). */
	async function waitForExecution(id, { statuses = SETTLED, timeoutMs = 120_000, intervalMs = 250 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let last;
		while (Date.now() < deadline) {
			try {
				last = await request('GET', `/rest/executions/${id}`);
			} catch (e) {
				if (e.status !== 404) throw e;
			}
			if (last && statuses.includes(last.status)) return parseExecution(last);
			await delay(intervalMs);
		}
		throw new Error(`execution ${id} not in [${statuses}] after ${timeoutMs} ms (last status ${last?.status})`);
	}

	async function executions(filter = {}, { limit = 100 } = {}) {
		const qs = new URLSearchParams({ filter: JSON.stringify(filter), limit: String(limit) });
		const res = await request('GET', `/rest/executions?${qs}`);
		return res?.results ?? res;
	}

	async function getWorkflow(id) {
		return request('GET', `/rest/workflows/${id}`);
	}

	/**
	 * Runs a workflow manually through REST (the editor's "Execute workflow" button):
	 * POST /rest/workflows/<id>/run { triggerToStartFrom: { name } }, then polls
	 * GET /rest/executions/<executionId> until the status is in `statuses` (default: settled,
	 * i.e. success | error | crashed | canceled | waiting). The trigger is `triggerNode` or the
	 * workflow's Manual Trigger (else its first *Trigger node). Pin data comes from the stored
	 * workflow. Options: { triggerNode, statuses, timeoutMs }.
	 * If the trigger needs a test webhook call first, resolves { waitingForWebhook: true }.
	 */
	async function runWorkflow(id, runOpts = {}) {
		const wf = await getWorkflow(id);
		const trigger = runOpts.triggerNode
			? wf.nodes.find((n) => n.name === runOpts.triggerNode)
			: wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ||
				wf.nodes.find((n) => /trigger$/i.test(n.type));
		if (!trigger) throw new Error(`workflow ${id}: no trigger node to start from (pass triggerNode)`);
		const started = await request('POST', `/rest/workflows/${id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		if (started?.waitingForWebhook) return { waitingForWebhook: true };
		const executionId = started?.executionId;
		if (!executionId) throw new Error(`run of workflow ${id} returned no executionId: ${JSON.stringify(started)}`);
		return waitForExecution(executionId, runOpts);
	}

	/**
	 * Alternative path: `n8n execute --id=<id> --rawOutput` in a separate process against the same
	 * database (asynchronous child process). No webhooks/waits there. Returns the parsed run data.
	 */
	async function runWorkflowCli(id, { timeoutMs = 180_000 } = {}) {
		const [cliBroker] = await freePorts(1);
		const r = await run(rt.node, [rt.n8nMain, 'execute', `--id=${id}`, '--rawOutput'], {
			cwd: userFolder,
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(cliBroker), N8N_LOG_LEVEL: 'info' },
			detached: true, // own process group (with its task runner), killed as a whole on timeout
			timeoutMs,
		});
		// the JSON is pretty-printed: it starts at a line that is exactly '{' (log lines come before)
		const start = r.stdout.search(/^\{$/m);
		let data;
		try {
			if (start < 0) throw new Error('no JSON');
			data = JSON.parse(r.stdout.slice(start, r.stdout.lastIndexOf('}') + 1));
		} catch {
			throw new Error(`n8n execute --id=${id} gave no JSON (exit ${r.code}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
		}
		// stdout: { data: IRunExecutionData, mode, startedAt, stoppedAt, status, finished }
		return { ...parseExecution(data), exitCode: r.code };
	}

	// ----- publication (activation) status

	async function publicationStatus(id) {
		const r = await request('GET', `/rest/workflows/${id}/publication-status`, undefined, { raw: true });
		if (r.status === 404 && !(r.body && typeof r.body === 'object' && r.body.data)) return undefined;
		if (r.status >= 400) throw new Error(`publication-status of ${id} -> ${r.status}: ${JSON.stringify(r.body)}`);
		return r.body?.data ?? r.body;
	}

	/**
	 * Polls the publication status while it is 'in_progress' (outbox record pending). Settled
	 * states: published | partial | failed | not_published (the latter is also what 2.39, where the
	 * outbox is off and activation synchronous, always reports). Throws on failed/partial.
	 */
	async function waitForPublication(id, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		let st;
		for (;;) {
			st = await publicationStatus(id);
			if (st === undefined) return undefined; // n8n < 2.39: no such endpoint, activation is synchronous
			if (st.status !== 'in_progress') break;
			if (Date.now() > deadline) {
				throw new Error(`workflow ${id}: publication still in progress after ${timeoutMs} ms: ${JSON.stringify(st)}`);
			}
			await delay(200);
		}
		if (st.status === 'failed' || st.status === 'partial') {
			throw new Error(`workflow ${id}: publication ${st.status}: ${JSON.stringify(st.triggers)}`);
		}
		return st;
	}

	// ----- instance API

	const instance = {
		url,
		webhookUrl,
		userFolder,
		logFile,
		port,
		brokerPort,
		owner,
		version: N8N_VERSION,
		runtimeDir: rt.dir,
		get pid() {
			return proc?.pid;
		},
		/** true while the n8n process is alive */
		get running() {
			return Boolean(proc && proc.running);
		},
		rest: (method, p, body, o) => request(method, p, body, o),
		async createCredential(type, credName, data) {
			return request('POST', '/rest/credentials', { name: credName, type, data });
		},
		async importWorkflow(json) {
			const wf = typeof json === 'string' ? JSON.parse(json) : json;
			const body = {
				name: wf.name || `e2e ${Date.now()}`,
				nodes: wf.nodes,
				connections: wf.connections || {},
				settings: wf.settings || { executionOrder: 'v1' },
				...(wf.pinData ? { pinData: wf.pinData } : {}),
				...(wf.staticData ? { staticData: wf.staticData } : {}),
				active: false,
			};
			const created = await request('POST', '/rest/workflows', body);
			return String(created.id);
		},
		getWorkflow,
		/**
		 * Publishes (activates) a workflow and resolves once its triggers/webhooks are live.
		 * n8n >= 2.40 publishes through an outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, default on
		 * there): the REST call returns before webhooks are registered, so this polls
		 * GET /rest/workflows/<id>/publication-status until it settles (throws on failed/partial).
		 */
		async activate(id, { timeoutMs = 60_000 } = {}) {
			const wf = await getWorkflow(id);
			const res = await request('POST', `/rest/workflows/${id}/activate`, { versionId: wf.versionId });
			await waitForPublication(id, timeoutMs);
			return res;
		},
		async deactivate(id, { timeoutMs = 60_000 } = {}) {
			const wf = await getWorkflow(id);
			const res = await request('POST', `/rest/workflows/${id}/deactivate`, { versionId: wf.versionId });
			await waitForPublication(id, timeoutMs);
			return res;
		},
		/** { status, liveVersionId, pendingVersionId, triggers } on n8n >= 2.39, else undefined */
		publicationStatus,
		runWorkflow,
		runWorkflowCli,
		getExecution,
		waitForExecution,
		executions,
		async stopExecution(id) {
			return request('POST', `/rest/executions/${id}/stop`);
		},
		async nodeTypes() {
			return request('GET', '/types/nodes.json');
		},
		async credentialTypes() {
			return request('GET', '/types/credentials.json');
		},
		async logs(lines = 200) {
			return tail(logFile, lines);
		},
		/** Stops n8n (SIGTERM to its group, SIGKILL after graceMs) and waits until it is gone. */
		async stop({ graceMs } = {}) {
			if (!stopping) {
				stopping = (async () => {
					await killTree(graceMs);
					live.delete(instance);
					if (!keepUserFolder) await fsp.rm(userFolder, { recursive: true, force: true });
				})();
			}
			return stopping;
		},
		/** Stop and start again on the same user folder, ports and key (waiting executions survive). */
		async restart() {
			await killTree();
			cookie = '';
			await start();
			return instance;
		},
	};

	try {
		await start();
	} catch (e) {
		live.delete(instance);
		if (!keepUserFolder) await fsp.rm(userFolder, { recursive: true, force: true }).catch(() => {});
		throw e;
	}
	return instance;
}

/** Stops every instance this process started (for afterAll safety nets). */
async function stopAll() {
	await Promise.all([...live].map((i) => i.stop()));
}

// Last-resort cleanup: never leave n8n process groups behind if a test process dies.
function killAllSync() {
	for (const p of liveProcs) p.killGroupSync();
}
process.once('exit', killAllSync);
const signalHandlers = new Map();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	const onSignal = () => {
		killAllSync();
		process.removeListener(sig, onSignal);
		// only re-raise (default behaviour: terminate) if nobody else handles this signal
		if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
	};
	signalHandlers.set(sig, onSignal);
	process.on(sig, onSignal);
}

/**
 * For programs that stop their instances themselves on SIGINT/SIGTERM/SIGHUP (scripts/start.js):
 * removes the harness's immediate SIGKILL-on-signal handlers. The 'exit' safety net stays.
 */
function releaseSignals() {
	for (const [sig, handler] of signalHandlers) process.removeListener(sig, handler);
	signalHandlers.clear();
}

module.exports = {
	startN8n,
	stopAll,
	ensureRuntime,
	cancelRuntimeInstall,
	runtimeDir,
	installPackage,
	tarballsOf,
	freePort,
	portInUse,
	node24Bin,
	run,
	releaseSignals,
	N8N_VERSION,
	// for other process layouts (tools/n8n/queue.js)
	n8nEnv,
	startN8nProcess,
	freePorts,
	tail,
	delay,
	REPO_ROOT,
	ARTIFACTS_DIR,
};
