/**
 * scripts/n8n-runtime.sh, the installer `npm start` and the e2e suites run on a first start, with
 * npm replaced by test/fixtures/fake-npm (a tiny n8n whose sqlite3 "build" exists only when npm
 * ran install scripts), so the installer's own decisions run in seconds: what it inherits from
 * the npm that started it, what a failure says, and that the next run recovers.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');
const SCRIPT = path.join(REPO, 'scripts', 'n8n-runtime.sh');
const FAKE_NPM_DIR = path.join(__dirname, 'fixtures', 'fake-npm');

let base;
beforeEach(() => {
	base = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-installer-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

/** Runs the installer; resolves { code, stderr, stdout, closedAfterExitMs }. */
function install(env = {}, { onStderr } = {}) {
	const runtimeDir = path.join(base, 'n8n-test');
	const child = spawn('bash', [SCRIPT], {
		env: {
			...process.env,
			PATH: `${FAKE_NPM_DIR}${path.delimiter}${process.env.PATH}`,
			N8N_RUNTIME_DIR: runtimeDir,
			N8N_RUNTIME_PROGRESS_SECONDS: '1',
			FAKE_NPM_MS: '2500',
			...env,
		},
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => {
		stderr += d;
		onStderr?.(child, String(d));
	});
	let exitedAt;
	child.on('exit', () => (exitedAt = Date.now()));
	return new Promise((resolve) =>
		child.on('close', (code, signal) =>
			resolve({ code, signal, stdout, stderr, runtimeDir, closedAfterExitMs: Date.now() - exitedAt }),
		),
	);
}

const leftovers = (runtimeDir) =>
	fs.readdirSync(path.dirname(runtimeDir)).filter((n) => n.includes('.partial.'));

test('started by an npm script, the install still runs install scripts: the inherited ignore-scripts does not reach it', async () => {
	// what `npm start` exports when the project's .npmrc says ignore-scripts=true
	const r = await install({
		npm_config_ignore_scripts: 'true',
		NPM_CONFIG_IGNORE_SCRIPTS: 'true',
		npm_config_legacy_peer_deps: 'true',
		npm_config_local_prefix: REPO,
		// what describes the machine and the user passes on
		npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
		npm_config_registry: 'https://registry.npmjs.org/',
		npm_config_userconfig: '/home/someone/.npmrc',
	});
	expect(r.stderr).not.toMatch(/failed/);
	expect(r.code).toBe(0);
	const seen = JSON.parse(fs.readFileSync(path.join(r.runtimeDir, '.fake-npm-env.json'), 'utf8'));
	expect(seen).toEqual(expect.arrayContaining(['npm_config_cafile', 'npm_config_registry', 'npm_config_userconfig']));
	expect(seen.filter((k) => /ignore_scripts|legacy_peer_deps|local_prefix/i.test(k))).toEqual([]);
	expect(r.stdout.trim()).toBe(r.runtimeDir);
	expect(fs.existsSync(path.join(r.runtimeDir, '.installed-ok'))).toBe(true);
	expect(r.stderr).toMatch(/npm is resolving and downloading packages/);
});

test("npm 10, which ignores allowScripts: the install runs no script, then every package's but the denied ones", async () => {
	const r = await install({ FAKE_NPM_10: '1', npm_config_ignore_scripts: 'true' });
	expect(r.code).toBe(0);
	expect(fs.existsSync(path.join(r.runtimeDir, '.installed-ok'))).toBe(true);
	const rebuilt = fs.readFileSync(path.join(r.runtimeDir, '.fake-npm-rebuilt'), 'utf8').trim().split('\n');
	// one rebuild, of sqlite3: the denied kafka download is not among them
	expect(rebuilt).toEqual(['sqlite3']);
	expect(r.stderr).toMatch(/running the install scripts of: sqlite3\n/);
});

test('a native module that does not build: the message names it, the log, the disk and the retry; progress stops; the next run recovers', async () => {
	const failed = await install({ N8N_RUNTIME_SKIP_NATIVE_BUILD: '1' });
	expect(failed.code).toBe(1);
	expect(failed.stderr).toMatch(/installing n8n \S+ failed: the sqlite3 native module did not build \(/);
	expect(failed.stderr).toContain(`log:    ${failed.runtimeDir}.install.log`);
	expect(failed.stderr).toMatch(/needs:  about 3 GB free in .* \(free now: [\d.]+ GB\), the npm registry, and python3, make and a C\+\+ compiler/);
	expect(failed.stderr).toMatch(/retry:  run the same command again \(npm start, npm run test:e2e\)/);
	// nothing goes on printing after the installer ended: a progress ticker left running would hold
	// its stderr open for good (3 s leaves room for a loaded machine; the ticker ticks every 1 s)
	expect(failed.closedAfterExitMs).toBeLessThan(3000);
	expect(failed.stderr.trimEnd().split('\n').at(-1)).toMatch(/retry:/);
	expect(fs.existsSync(failed.runtimeDir)).toBe(false);
	expect(leftovers(failed.runtimeDir)).toEqual([]);
	expect(fs.readFileSync(`${failed.runtimeDir}.failed`, 'utf8')).toMatch(/sqlite3 native module did not build/);

	const again = await install();
	expect(again.code).toBe(0);
	expect(fs.existsSync(path.join(again.runtimeDir, '.installed-ok'))).toBe(true);
	expect(fs.existsSync(`${again.runtimeDir}.failed`)).toBe(false);
});

test("npm's own failure is named by npm's error code", async () => {
	const r = await install({ FAKE_NPM_FAIL: 'E404' });
	expect(r.code).toBe(1);
	expect(r.stderr).toMatch(/failed: npm install n8n@\S+ exited with 1 \(code E404\)/);
	expect(leftovers(r.runtimeDir)).toEqual([]);
});

test('an install stopped half-way (SIGTERM) leaves no partial folder, and the next run installs', async () => {
	const stopped = await install({ FAKE_NPM_MS: '20000' }, {
		onStderr: (child, text) => {
			if (/resolving and downloading/.test(text)) child.kill('SIGTERM');
		},
	});
	expect(stopped.code).not.toBe(0);
	expect(stopped.closedAfterExitMs).toBeLessThan(3000);
	expect(leftovers(stopped.runtimeDir)).toEqual([]);
	expect(fs.existsSync(stopped.runtimeDir)).toBe(false);

	const again = await install({ FAKE_NPM_MS: '0' });
	expect(again.code).toBe(0);
	expect(fs.existsSync(path.join(again.runtimeDir, '.installed-ok'))).toBe(true);
});

test('the harness passes the cause on to npm start and the e2e suites', async () => {
	const runtimeDir = path.join(base, 'n8n-harness');
	const code = `require(${JSON.stringify(path.join(REPO, 'tools', 'n8n', 'n8n.js'))}).ensureRuntime({ install: true })
		.then(() => process.exit(0), (e) => { console.log(JSON.stringify(e.message)); process.exit(3); });`;
	const child = spawn(process.execPath, ['-e', code], {
		env: {
			...process.env,
			PATH: `${FAKE_NPM_DIR}${path.delimiter}${process.env.PATH}`,
			N8N_RUNTIME_DIR: runtimeDir,
			N8N_RUNTIME_SKIP_NATIVE_BUILD: '1',
			N8N_RUNTIME_PROGRESS_SECONDS: '1',
		},
	});
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	const exitCode = await new Promise((r) => child.on('close', r));
	expect(exitCode).toBe(3);
	const message = JSON.parse(out.trim());
	expect(message).toMatch(/the sqlite3 native module did not build/);
	expect(message).toMatch(/retry:/);
});
