#!/usr/bin/env node
/**
 * `npm run scan`: n8n's own community-package scanner (@n8n/scan-community-package, the check
 * n8n runs before verifying a package), run locally as n8n runs it on a published version:
 *   1. the source leg: package.json and nodes/, credentials/ sources, every rule;
 *   2. the tarball leg: the compiled .js and the package.json of the packed tarball.
 * n8n fetches both from npm and the provenance-attested repository; here they are this checkout
 * and `npm pack` of its dist/ (run `npm run build` first). Exits 1 on any violation.
 *
 *   node scripts/scan-package.mjs                          this package (the repo root)
 *   node scripts/scan-package.mjs packages/<name>          another package of the repo
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.argv[2]
	? resolve(process.argv[2])
	: resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
try {
	execFileSync('npm', ['pack', '--ignore-scripts', '--quiet', '--pack-destination', work], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	const unpacked = join(work, 'package');
	execFileSync('mkdir', ['-p', unpacked]);
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);

	const legs = [
		['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		[`tarball ${tarball}`, await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
	];
	let passed = true;
	for (const [leg, result] of legs) {
		console.log(`${result.passed ? 'passed' : 'FAILED'}: n8n package scan, ${leg}`);
		if (!result.passed) {
			passed = false;
			console.log(result.message ?? '');
			if (result.details) console.log(result.details);
		}
	}
	process.exitCode = passed ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
