/**
 * Published advisories the lock must stay clear of. The registry this project is built against
 * does not answer `npm audit` (HTTP 405 on the advisory endpoint), so the known ones are checked
 * here against what `npm install` reproduces from package-lock.json.
 */
'use strict';
const path = require('node:path');

const lock = require(path.resolve(__dirname, '..', '..', 'package-lock.json'));

/** package → the first fixed release of each major line (CVE-2026-22036: undici 7.18.2 / 6.23.0). */
const FIXED = { undici: { 6: '6.23.0', 7: '7.18.2' } };

function compare(a, b) {
	const [x, y] = [a, b].map((version) => version.split('-')[0].split('.').map(Number));
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}

function lockedVersions(name) {
	return Object.entries(lock.packages)
		.filter(([where]) => where === `node_modules/${name}` || where.endsWith(`/node_modules/${name}`))
		.map(([where, entry]) => ({ where, version: entry.version }));
}

describe('known advisories', () => {
	it.each(Object.keys(FIXED))('every locked %s is at or past its fixed release', (name) => {
		const locked = lockedVersions(name);
		expect(locked.length).toBeGreaterThan(0);
		const vulnerable = locked.filter(({ version }) => {
			const fixed = FIXED[name][version.split('.')[0]];
			return !fixed || compare(version, fixed) < 0;
		});
		expect(vulnerable).toEqual([]);
	});

	it('the test suite imports the undici the project pins', () => {
		expect(require('undici/package.json').version).toBe(
			require(path.resolve(__dirname, '..', '..', 'package.json')).devDependencies.undici,
		);
	});
});
