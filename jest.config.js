/**
 * Unit and behaviour tests of every package (this one and packages/*): the node's own execute()
 * against the project's simulators. Run `node scripts/sync-engine.mjs` first (npm test does).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/packages'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/dist/'],
	// a built package's dist/package.json repeats its name
	modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 60000,
	// The tests mostly wait on timers and sockets (each file has its own simulator on a random
	// port): two workers halve the wall time on a 2-core machine, where jest's default is one.
	maxWorkers: 2,
};
