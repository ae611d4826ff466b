/**
 * End-to-end tests against a real n8n (the pinned runtime from scripts/n8n-runtime.sh).
 * Run: npx jest -c jest.e2e.config.js   (Node 24 is sourced by the harness itself)
 * Plain JavaScript on purpose: test/e2e is not part of the TypeScript build or the n8n lint.
 */
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/artifacts/'],
	transform: {},
	// the first run may install n8n (minutes); a boot takes ~20-40 s on 2 cores
	testTimeout: 15 * 60_000,
	// n8n instances are heavy: one test file at a time, in this process
	maxWorkers: 1,
	verbose: true,
};
