/** Benchmarks: jest is only the TypeScript runner here; bench files print figures, they assert nothing. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/bench'],
	// One fresh BENCHMARKS.md per run: bench/report.js startRun().
	globalSetup: '<rootDir>/bench/globalSetup.js',
	testMatch: ['**/*.bench.ts', '**/*.bench.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
	},
	testTimeout: 30 * 60 * 1000,
	maxWorkers: 1,
	verbose: false,
};
