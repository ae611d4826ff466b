'use strict';
/**
 * Builds and packs this package the way it would be published, for installing into a real n8n.
 *
 *   const { packPackage } = require('./harness/pack');
 *   const tarball = await packPackage();          // npm run build + npm pack -> path of the .tgz
 *   const tarball = await packPackage({ build: false });  // pack the current dist/ as is
 *
 * The tarball is cached under test/e2e/artifacts/pack/<hash>/ keyed by the content hash of
 * dist/ + package.json (+ README/LICENSE), so repeated runs with an unchanged build skip `npm pack`.
 * Asynchronous child processes only (safe next to a running simulator).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACK_CACHE = path.join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'pack');
const NODE24_SCRIPT = path.join(REPO_ROOT, 'scripts', 'node24.sh');

/** Runs `bash -c "source scripts/node24.sh && <cmd>"` in the repo; rejects with output on failure. */
function sh(cmd, { cwd = REPO_ROOT, timeoutMs = 10 * 60_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', `source "${NODE24_SCRIPT}" >&2 && ${cmd}`], {
			cwd,
			env: { ...process.env, NODE_ENV: undefined },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve(out);
			else reject(new Error(`\`${cmd}\` failed (exit ${code}):\n${out.slice(-4000)}\n${err.slice(-4000)}`));
		});
	});
}

async function listFiles(dir) {
	const out = [];
	async function walk(d) {
		let entries;
		try {
			entries = await fsp.readdir(d, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) await walk(p);
			else if (e.isFile()) out.push(p);
		}
	}
	await walk(dir);
	return out;
}

/** sha256 over the files npm pack would include (dist/, package.json, README*, LICENSE*). */
async function contentHash() {
	const h = crypto.createHash('sha256');
	const files = [
		...(await listFiles(path.join(REPO_ROOT, 'dist'))).filter((f) => !f.endsWith('.tsbuildinfo')),
		...(await fsp.readdir(REPO_ROOT))
			.filter((n) => n === 'package.json' || /^(README|LICENSE)/i.test(n))
			.map((n) => path.join(REPO_ROOT, n)),
	];
	for (const f of files) {
		h.update(path.relative(REPO_ROOT, f));
		h.update('\0');
		h.update(await fsp.readFile(f));
		h.update('\0');
	}
	return h.digest('hex').slice(0, 16);
}

/**
 * Options: { build = true (runs `npm run build` first; env N8N_E2E_SKIP_BUILD=1 turns it off),
 *            destDir (default: cache folder) }. Returns the absolute path of the tarball.
 */
async function packPackage({ build = process.env.N8N_E2E_SKIP_BUILD !== '1', destDir } = {}) {
	if (build) await sh('npm run build');
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const hash = await contentHash();
	const dir = destDir || path.join(PACK_CACHE, hash);
	if (!destDir) {
		const cached = fs.existsSync(dir) && (await fsp.readdir(dir)).find((n) => n.endsWith('.tgz'));
		if (cached) return path.join(dir, cached);
	}
	const tmp = `${dir}.tmp-${process.pid}`;
	await fsp.rm(tmp, { recursive: true, force: true });
	await fsp.mkdir(tmp, { recursive: true });
	const out = await sh(`npm pack --json --ignore-scripts --pack-destination "${tmp}"`);
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const filename = info[0].filename.replace(/^@/, '').replace(/\//g, '-');
	if (destDir) {
		await fsp.mkdir(dir, { recursive: true });
	} else {
		await fsp.rm(dir, { recursive: true, force: true });
	}
	await fsp.mkdir(path.dirname(dir), { recursive: true });
	if (destDir) {
		await fsp.rename(path.join(tmp, filename), path.join(dir, filename));
		await fsp.rm(tmp, { recursive: true, force: true });
	} else {
		await fsp.rename(tmp, dir);
	}
	return path.join(dir, filename);
}

module.exports = { packPackage, contentHash };
