/** Unit and behaviour tests: the node's own execute() against the project's simulator. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 60000,
	// The tests mostly wait on timers and sockets (each file has its own simulator on a random
	// port): two workers halve the wall time on a 2-core machine, where jest's default is one.
	maxWorkers: 2,
};
