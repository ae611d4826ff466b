#!/usr/bin/env node
/**
 * Gives each package under packages/ the shared engine it uses, before `n8n-node build`, the
 * tests and the type check: n8n verifies only packages without runtime dependencies, so every
 * package's dist/ must contain the engine, and `n8n-node build` compiles one folder with plain tsc.
 *
 * The engine lives once, in git, at nodes/Midjourney/ (the useapi.net package). A package commits
 * only its own code: its credential, its node files and its API folder
 * (nodes/<Node>/apis/<api>/). Every file those import by a relative path that the package does
 * not have is copied here from the same relative place under nodes/Midjourney/, read-only,
 * with a first line that names the original; the package's .gitignore keeps the copies out of
 * git. Copies no longer imported are removed, so a package holds exactly what it uses.
 *
 *   node scripts/sync-engine.mjs                      every package
 *   node scripts/sync-engine.mjs packages/<name>      one
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const engineRoot = join(repo, 'nodes', 'Midjourney');
const HEADER = '// Copied by scripts/sync-engine.mjs from ';
const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

function filesUnder(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

const isCopy = (file) => file.endsWith('.ts') && readFileSync(file, 'utf8').startsWith(HEADER);

function resolveImport(fromFile, specifier) {
	const base = resolve(dirname(fromFile), specifier);
	return [`${base}.ts`, join(base, 'index.ts')];
}

/** The engine file that a path inside the package's node folder stands for. */
function originalOf(nodeFolder, packagePath) {
	return join(engineRoot, relative(nodeFolder, packagePath));
}

function syncPackage(packageDir) {
	const nodesDir = join(packageDir, 'nodes');
	const nodeFolders = readdirSync(nodesDir).map((name) => join(nodesDir, name));
	if (nodeFolders.length !== 1) throw new Error(`${packageDir}: expected one folder under nodes/`);
	const nodeFolder = nodeFolders[0];

	const previous = filesUnder(nodeFolder).filter(isCopy);
	const owned = [...filesUnder(nodeFolder), ...filesUnder(join(packageDir, 'credentials'))].filter(
		(file) => file.endsWith('.ts') && !previous.includes(file),
	);
	const needed = new Map(); // package path -> engine path
	const queue = [...owned];
	while (queue.length) {
		const file = queue.pop();
		const source = needed.get(file) ?? file;
		for (const [, specifier] of readFileSync(source, 'utf8').matchAll(IMPORT)) {
			const candidates = resolveImport(file, specifier);
			if (candidates.some((candidate) => owned.includes(candidate) || needed.has(candidate))) continue;
			const target = candidates.find((candidate) => existsSync(originalOf(nodeFolder, candidate)));
			if (!target || !target.startsWith(nodeFolder)) {
				throw new Error(`${relative(repo, file)} imports '${specifier}', which neither the package nor nodes/Midjourney has`);
			}
			needed.set(target, originalOf(nodeFolder, target));
			queue.push(target);
		}
	}

	for (const stale of previous.filter((file) => !needed.has(file))) rmSync(stale, { force: true });
	for (const [copy, original] of needed) {
		const text = `${HEADER}${relative(repo, original)}: edit that file, not this one.\n${readFileSync(original, 'utf8')}`;
		if (existsSync(copy) && readFileSync(copy, 'utf8') === text) continue;
		mkdirSync(dirname(copy), { recursive: true });
		if (existsSync(copy)) chmodSync(copy, 0o644);
		writeFileSync(copy, text);
		chmodSync(copy, 0o444);
	}
	console.log(`[sync-engine] ${relative(repo, packageDir)}: ${needed.size} engine files from nodes/Midjourney`);
}

const targets = process.argv.slice(2);
const packages = targets.length
	? targets.map((target) => resolve(target))
	: readdirSync(join(repo, 'packages')).map((name) => join(repo, 'packages', name));
for (const packageDir of packages) syncPackage(packageDir);
