'use strict';
/**
 * What `npm pack` puts in each package of the repo (the root, n8n-nodes-useapi-midjourney, and
 * every folder of packages/): what the e2e tests install into n8n and what would be published.
 * Each tarball holds its built nodes, credentials and icons, and nothing from the repo's tests:
 *  - only allowed files (package.json, README, LICENSE, dist/{nodes,credentials,icons});
 *  - every file its package.json's n8n section names, and the icons its own nodes and
 *    credentials point at (dist/icons/...);
 *  - no runtime `dependencies` (n8n's verification rule: the engine is compiled into each dist/);
 *  - one service each: the root tarball has no /v1 or Legnext file (midjourneyV1..., midjourney-v1
 *    icons, legnext), the /v1 package's no useapi.net API folder (apis/useapiV3, apis/useapiV2) and
 *    no Legnext file, the Legnext package's neither of those nor the /v1 API's.
 * Guards a real trap: `n8n-node build` copies every **\/*.{png,svg} of the package's folder (outside
 * dist/ and node_modules/) into dist/, so a screenshot saved under test/ ends up in the package.
 * No n8n is started here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { packPackage, listPackages } = require('../../tools/n8n/pack');
const { run, node24Bin } = require('../../tools/n8n/n8n');

const PACKAGES = listPackages();

const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE(\.md)?$/i,
	/^dist\/(nodes|credentials)\/.+\.(js|js\.map|d\.ts|json)$/,
	/^dist\/icons\/[\w.-]+\.svg$/,
	// emitted by tsc because tsconfig includes package.json / is incremental: harmless, reported
	/^dist\/package\.json$/,
	/^dist\/tsconfig\.tsbuildinfo$/,
];

/** What must not be in a package's tarball: the other service's files. */
const FOREIGN = {
	'n8n-nodes-useapi-midjourney': [/midjourneyV1/i, /midjourney-v1/i, /legnext/i],
	'n8n-nodes-midjourney-v1-api': [/(^|\/)apis\/useapiV3\//, /(^|\/)apis\/useapiV2\//, /legnext/i],
	'n8n-nodes-midjourney-legnext': [
		/(^|\/)apis\/useapiV3\//,
		/(^|\/)apis\/useapiV2\//,
		/(^|\/)apis\/midjourneyV1\//,
		/midjourneyV1/i,
		/midjourney-v1/i,
	],
};

/**
 * The icon files the built nodes and credentials of a package point at ('file:...' relative to
 * the class's file), resolved to paths inside the tarball (dist/...).
 */
async function declaredIcons(dir, pkg) {
	const script = `
		const path = require('path');
		const pkg = require('./package.json');
		const out = [];
		for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			for (const C of Object.values(require(path.resolve(f))).filter((c) => typeof c === 'function')) {
				const o = new C();
				const icon = (o.description || o).icon;
				for (const i of typeof icon === 'string' ? [icon] : Object.values(icon || {})) {
					if (typeof i === 'string' && i.startsWith('file:')) {
						out.push(path.relative('.', path.resolve(path.dirname(f), i.slice(5))));
					}
				}
			}
		}
		process.stdout.write(JSON.stringify([...new Set(out)]));`;
	const r = await run(path.join(await node24Bin(), 'node'), ['-e', script], { cwd: dir });
	if (r.code !== 0) throw new Error(`could not load the built ${pkg.name}:\n${r.stderr}`);
	return JSON.parse(r.stdout);
}

describe.each(PACKAGES.map((p) => [p.name, p]))('the packed %s', (_name, { dir, name, pkg }) => {
	let files;

	beforeAll(async () => {
		const tarball = await packPackage({ packageDir: dir });
		const r = await run('tar', ['-tzf', tarball]);
		expect(r.code).toBe(0);
		files = r.stdout
			.split('\n')
			.filter(Boolean)
			.map((f) => f.replace(/^package\//, ''));
	});

	test('holds only dist/{nodes,credentials,icons}, package.json, README and LICENSE: no test files', () => {
		const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
		expect(unexpected).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
		const extras = files.filter((f) => /^dist\/(package\.json|tsconfig\.tsbuildinfo)$/.test(f));
		if (extras.length) console.warn(`[e2e] ${name} also ships ${extras.join(', ')} (not needed by n8n)`);
	});

	test("holds every file its n8n section names, and its nodes' and credentials' own icons", async () => {
		expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
		expect(pkg.n8n.credentials.length).toBeGreaterThan(0);
		const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => !files.includes(f));
		expect(missing).toEqual([]);
		const icons = await declaredIcons(dir, pkg);
		expect(icons.length).toBeGreaterThan(0);
		expect(icons.filter((f) => !files.includes(f))).toEqual([]);
		// its own icons: from its own folder, not another package's
		for (const icon of icons) {
			expect(fs.existsSync(path.join(dir, icon.replace(/^dist\//, '')))).toBe(true);
		}
	});

	test('declares no runtime dependencies (the engine is compiled into dist/)', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(['n8n-workflow']);
	});

	test("holds one service's files only", () => {
		const rules = FOREIGN[name];
		expect(rules).toBeDefined(); // a new package: say here what it must not hold
		const foreign = files.filter((f) => rules.some((re) => re.test(f)));
		expect(foreign).toEqual([]);
	});
});
