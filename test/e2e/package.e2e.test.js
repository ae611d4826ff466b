'use strict';
/**
 * What `npm pack` puts in the package that the e2e tests install into n8n (and that would be
 * published): the built nodes, the credential and the icons, and nothing from the repo's tests.
 * Guards a real trap: `n8n-node build` copies every **\/*.{png,svg} of the repository (outside
 * dist/ and node_modules/) into dist/, so a screenshot saved under test/ ends up in the package.
 * No n8n is started here.
 */
const path = require('node:path');
const { packPackage } = require('../../tools/n8n/pack');
const { run } = require('../../tools/n8n/n8n');

test('the packed package holds dist/{nodes,credentials,icons}, package.json and README, and no test files', async () => {
	const tarball = await packPackage();
	const r = await run('tar', ['-tzf', tarball]);
	expect(r.code).toBe(0);
	const files = r.stdout
		.split('\n')
		.filter(Boolean)
		.map((f) => f.replace(/^package\//, ''));

	const allowed = [
		/^package\.json$/,
		/^README\.md$/,
		/^LICENSE(\.md)?$/i,
		/^dist\/(nodes|credentials)\/.+\.(js|js\.map|d\.ts|json)$/,
		/^dist\/icons\/[\w.-]+\.svg$/,
		// emitted by tsc because tsconfig includes package.json / is incremental: harmless, reported
		/^dist\/package\.json$/,
		/^dist\/tsconfig\.tsbuildinfo$/,
	];
	const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
	expect(unexpected).toEqual([]);

	const pkg = require(path.join(__dirname, '..', '..', 'package.json'));
	for (const f of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(f);
	expect(files).toEqual(expect.arrayContaining(['dist/icons/midjourney.svg', 'dist/icons/midjourney.dark.svg']));
	const extras = files.filter((f) => /^dist\/(package\.json|tsconfig\.tsbuildinfo)$/.test(f));
	if (extras.length) console.warn(`[e2e] the package also ships ${extras.join(', ')} (not needed by n8n)`);
});
