/** Benchmarks: jest is only the TypeScript runner here; bench files print figures, they assert nothing. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/bench'],
	testMatch: ['**/*.bench.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
	},
	testTimeout: 30 * 60 * 1000,
	maxWorkers: 1,
	verbose: false,
};
