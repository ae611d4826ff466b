'use strict';
/**
 * Builds and packs a package of this repo the way it would be published, for installing into a
 * real n8n. The repo holds one package per service: the root (n8n-nodes-useapi-midjourney) and
 * each folder of packages/ (packages/midjourney-v1-api: n8n-nodes-midjourney-v1-api).
 *
 *   const { packPackage, packageDir } = require('./pack');
 *   const tarball = await packPackage();                     // the root: npm run build + npm pack
 *   const v1 = await packPackage({ packageDir: packageDir('midjourney-v1-api') });
 *   const tarball = await packPackage({ build: false });     // pack the current dist/ as is
 *
 * The tarball is cached under test/e2e/artifacts/pack/<package folder>-<hash>/, the hash taken over
 * the package's folder and the content of its dist/ + package.json (+ README/LICENSE), so repeated
 * runs with an unchanged build skip `npm pack`. Asynchronous child processes only (safe next to a
 * running simulator).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGES_DIR = path.join(REPO_ROOT, 'packages');
const PACK_CACHE = path.join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'pack');
const NODE24_SCRIPT = path.join(REPO_ROOT, 'scripts', 'node24.sh');

/** Runs `bash -c "source scripts/node24.sh && <cmd>"` in `cwd`; rejects with output on failure. */
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
			else reject(new Error(`\`${cmd}\` in ${cwd} failed (exit ${code}):\n${out.slice(-4000)}\n${err.slice(-4000)}`));
		});
	});
}

/** The folder of packages/<name>, or the repo root for 'root' / '.' / undefined. */
function packageDir(name) {
	if (!name || name === 'root' || name === '.') return REPO_ROOT;
	const dir = path.join(PACKAGES_DIR, name);
	if (!fs.existsSync(path.join(dir, 'package.json'))) {
		throw new Error(`no package ${name}: ${path.relative(REPO_ROOT, dir)}/package.json is missing`);
	}
	return dir;
}

/**
 * Every package of the repo, the root first, then packages/* by folder name:
 * [{ key: 'root' | '<folder>', dir, name (npm name), pkg (its package.json) }]
 */
function listPackages() {
	const dirs = [REPO_ROOT];
	if (fs.existsSync(PACKAGES_DIR)) {
		for (const e of fs.readdirSync(PACKAGES_DIR, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			if (e.isDirectory() && fs.existsSync(path.join(PACKAGES_DIR, e.name, 'package.json'))) {
				dirs.push(path.join(PACKAGES_DIR, e.name));
			}
		}
	}
	return dirs.map((dir) => {
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		return { key: dir === REPO_ROOT ? 'root' : path.basename(dir), dir, name: pkg.name, pkg };
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

/**
 * sha256 over the package's folder (relative to the repo) and the files npm pack would include
 * (dist/, package.json, README*, LICENSE*).
 */
async function contentHash(dir = REPO_ROOT) {
	const h = crypto.createHash('sha256');
	h.update(`package:${path.relative(REPO_ROOT, dir) || '.'}\0`);
	const files = [
		...(await listFiles(path.join(dir, 'dist'))).filter((f) => !f.endsWith('.tsbuildinfo')),
		...(await fsp.readdir(dir))
			.filter((n) => n === 'package.json' || /^(README|LICENSE)/i.test(n))
			.map((n) => path.join(dir, n)),
	];
	for (const f of files) {
		h.update(path.relative(dir, f));
		h.update('\0');
		h.update(await fsp.readFile(f));
		h.update('\0');
	}
	return h.digest('hex').slice(0, 16);
}

/**
 * Options: { packageDir (default: the repo root; see packageDir(name)),
 *            build = true (runs `npm run build` in that folder first; env N8N_E2E_SKIP_BUILD=1
 *            turns it off), destDir (default: cache folder) }. Returns the absolute path of the tarball.
 */
async function packPackage({
	packageDir: dir = REPO_ROOT,
	build = process.env.N8N_E2E_SKIP_BUILD !== '1',
	destDir,
} = {}) {
	dir = path.resolve(dir);
	const label = path.relative(REPO_ROOT, dir) || '.';
	if (build) await sh('npm run build', { cwd: dir });
	if (!fs.existsSync(path.join(dir, 'dist'))) {
		throw new Error(`${label}/dist is missing: run \`npm run build\` in ${label} first`);
	}
	const hash = await contentHash(dir);
	const slug = dir === REPO_ROOT ? 'root' : path.basename(dir);
	const target = destDir || path.join(PACK_CACHE, `${slug}-${hash}`);
	if (!destDir) {
		const cached = fs.existsSync(target) && (await fsp.readdir(target)).find((n) => n.endsWith('.tgz'));
		if (cached) return path.join(target, cached);
	}
	const tmp = `${target}.tmp-${process.pid}`;
	await fsp.rm(tmp, { recursive: true, force: true });
	await fsp.mkdir(tmp, { recursive: true });
	const out = await sh(`npm pack --json --ignore-scripts --pack-destination "${tmp}"`, { cwd: dir });
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const filename = info[0].filename.replace(/^@/, '').replace(/\//g, '-');
	if (destDir) {
		await fsp.mkdir(target, { recursive: true });
		await fsp.rename(path.join(tmp, filename), path.join(target, filename));
		await fsp.rm(tmp, { recursive: true, force: true });
	} else {
		await fsp.rm(target, { recursive: true, force: true });
		await fsp.mkdir(path.dirname(target), { recursive: true });
		await fsp.rename(tmp, target);
	}
	return path.join(target, filename);
}

module.exports = { packPackage, packageDir, listPackages, contentHash, REPO_ROOT, PACKAGES_DIR };
