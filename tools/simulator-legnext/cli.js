#!/usr/bin/env node
'use strict';
// Standalone Legnext simulator: node tools/simulator-legnext/cli.js [--port 8789] [--cdn-port 8790]
//   [--key sim-legnext-key] [--job-ms 4000] [--host 127.0.0.1] [--concurrency 6]
//   [--over-limit 429|queue] [--points 30000] [--credits 0] [--result-ttl-ms N] [--retry-after S]
//   [--public-url URL] [--cdn-public-url URL]
// Env: LEGNEXT_SIM_PORT, LEGNEXT_SIM_KEY, LEGNEXT_SIM_JOB_MS (flags win).
const { startLegnextSimulator } = require('./index');
const { parseFlags, serveUntilSignal, runCli } = require('../simulator/cli-kit');

const NUMBER_FLAGS = {
	'--port': 'port',
	'--cdn-port': 'cdnPort',
	'--job-ms': 'jobDurationMs',
	'--concurrency': 'concurrency',
	'--points': 'points',
	'--credits': 'credits',
	'--result-ttl-ms': 'resultTtlMs',
	'--retry-after': 'retryAfterSeconds',
};
const TEXT_FLAGS = {
	'--key': 'key',
	'--host': 'host',
	'--over-limit': 'overLimit',
	'--public-url': 'publicUrl',
	'--cdn-public-url': 'cdnPublicUrl',
};
const FLAGS = Object.fromEntries([
	...Object.entries(NUMBER_FLAGS).map(([flag, option]) => [flag, [option, Number]]),
	...Object.entries(TEXT_FLAGS).map(([flag, option]) => [flag, [option, String]]),
]);

/** The environment's settings; flags win over them. */
const fromEnv = (env) => ({
	port: Number(env.LEGNEXT_SIM_PORT ?? 8789),
	key: env.LEGNEXT_SIM_KEY ?? 'sim-legnext-key',
	jobDurationMs: Number(env.LEGNEXT_SIM_JOB_MS ?? 4000),
});

const banner = (sim) => [
	`Legnext simulator listening on ${sim.url} (results on ${sim.cdnUrl})`,
	`LEGNEXT_SIM_URL=${sim.url}`,
	`LEGNEXT_SIM_CDN_URL=${sim.cdnUrl}`,
	`LEGNEXT_SIM_KEY=${sim.key}`,
];

runCli(async () => {
	const flags = parseFlags(process.argv.slice(2), FLAGS, 'tools/simulator-legnext/cli.js');
	const sim = await startLegnextSimulator({ ...fromEnv(process.env), ...flags });
	serveUntilSignal(sim, banner(sim));
});
