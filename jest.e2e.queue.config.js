/**
 * The queue-mode e2e suite: a real n8n as main + 2 workers + 1 webhook processor on Redis and
 * Postgres (tools/n8n/queue.js). Run: npm run test:e2e:queue (N8N_VERSION picks the n8n).
 * Needs redis-server and Postgres: scripts/install-queue-services.sh installs them from Debian.
 * Separate from jest.e2e.config.js (whose files end in .e2e.test.js): this one boots four n8n
 * processes and two services, so it runs where and when CI decides (see .ci/run).
 */
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e/queue'],
	testMatch: ['<rootDir>/test/e2e/queue/**/*.queue.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/artifacts/'],
	transform: {},
	testTimeout: 15 * 60_000,
	maxWorkers: 1,
	verbose: true,
};
