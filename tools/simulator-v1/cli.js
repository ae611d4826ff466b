#!/usr/bin/env node
'use strict';
// Standalone /v1 simulator: node tools/simulator-v1/cli.js [--port 8788] [--token sim-v1-token]
//   [--job-ms 4000] [--host 127.0.0.1] [--capacity 3] [--progress-steps 3] [--retry-after S]
//   [--public-url URL]
// Env: MJ_V1_SIM_PORT, MJ_V1_SIM_TOKEN, MJ_V1_SIM_JOB_MS (flags win).
const { startV1Simulator } = require('./index');
const { parseFlags, serveUntilSignal, runCli } = require('../simulator/cli-kit');

const FLAGS = {
	'--port': ['port', Number],
	'--token': ['token', String],
	'--job-ms': ['jobDurationMs', Number],
	'--host': ['host', String],
	'--capacity': ['capacity', Number],
	'--progress-steps': ['progressSteps', Number],
	'--retry-after': ['retryAfterSeconds', Number],
	'--public-url': ['publicUrl', String],
};

runCli(async () => {
	const env = process.env;
	const sim = await startV1Simulator({
		port: Number(env.MJ_V1_SIM_PORT ?? 8788),
		token: env.MJ_V1_SIM_TOKEN ?? 'sim-v1-token',
		jobDurationMs: Number(env.MJ_V1_SIM_JOB_MS ?? 4000),
		...parseFlags(process.argv.slice(2), FLAGS, 'tools/simulator-v1/cli.js'),
	});
	serveUntilSignal(sim, [
		`Midjourney /v1 simulator listening on ${sim.url}`,
		`MJ_V1_SIM_URL=${sim.url}`,
		`MJ_V1_SIM_TOKEN=${sim.token}`,
	]);
});
