#!/usr/bin/env node
'use strict';
// Standalone /v1 simulator: node tools/simulator-v1/cli.js [--port 8788] [--token sim-v1-token]
//   [--job-ms 4000] [--host 127.0.0.1] [--capacity 3] [--progress-steps 3] [--retry-after S]
//   [--public-url URL]
// Env: MJ_V1_SIM_PORT, MJ_V1_SIM_TOKEN, MJ_V1_SIM_JOB_MS (flags win).
const { startV1Simulator } = require('./index');

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
const USAGE = `usage: node tools/simulator-v1/cli.js ${Object.keys(FLAGS)
	.map((f) => `[${f} V]`)
	.join(' ')}`;

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		if (flag === '-h' || flag === '--help') {
			console.log(USAGE);
			process.exit(0);
		}
		if (!FLAGS[flag]) {
			console.error(`unknown argument ${argv[i]}\n${USAGE}`);
			process.exit(2);
		}
		const [key, convert] = FLAGS[flag];
		out[key] = convert(inline !== undefined ? inline : argv[++i]);
	}
	return out;
}

async function main() {
	const env = process.env;
	const sim = await startV1Simulator({
		port: Number(env.MJ_V1_SIM_PORT ?? 8788),
		token: env.MJ_V1_SIM_TOKEN ?? 'sim-v1-token',
		jobDurationMs: Number(env.MJ_V1_SIM_JOB_MS ?? 4000),
		...parseArgs(process.argv.slice(2)),
	});
	console.log(`Midjourney /v1 simulator listening on ${sim.url}`);
	console.log(`MJ_V1_SIM_URL=${sim.url}`);
	console.log(`MJ_V1_SIM_TOKEN=${sim.token}`);
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: closing simulator`);
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
