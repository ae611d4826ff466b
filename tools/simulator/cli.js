#!/usr/bin/env node
'use strict';
// Standalone simulator: node tools/simulator/cli.js [--port 8787] [--token sim-token] [--job-ms 4000]
//   [--host 127.0.0.1] [--progress-steps 3] [--image-bytes 0] [--expired-token t]...
// Env: USEAPI_SIM_PORT, USEAPI_SIM_TOKEN, USEAPI_SIM_JOB_MS (flags win).
const { startSimulator } = require('./index');
const { serveUntilSignal, runCli } = require('./cli-kit');

function parseArgs(argv) {
	const out = { expiredTokens: [] };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port':
				out.port = Number(value());
				break;
			case '--token':
				out.token = value();
				break;
			case '--job-ms':
				out.jobDurationMs = Number(value());
				break;
			case '--host':
				out.host = value();
				break;
			case '--progress-steps':
				out.progressSteps = Number(value());
				break;
			case '--image-bytes':
				out.imageBytes = Number(value());
				break;
			case '--expired-token':
				out.expiredTokens.push(value());
				break;
			case '--public-url':
				out.publicUrl = value();
				break;
			case '-h':
			case '--help':
				console.log(
					'usage: node tools/simulator/cli.js [--port 8787] [--token sim-token] [--job-ms 4000] [--host 127.0.0.1] [--progress-steps 3] [--image-bytes 0] [--expired-token T] [--public-url URL]',
				);
				process.exit(0);
				break;
			default:
				console.error(`unknown argument ${argv[i]}`);
				process.exit(2);
		}
	}
	return out;
}

async function main() {
	const env = process.env;
	const args = parseArgs(process.argv.slice(2));
	const options = {
		port: args.port ?? Number(env.USEAPI_SIM_PORT ?? 8787),
		token: args.token ?? env.USEAPI_SIM_TOKEN ?? 'sim-token',
		jobDurationMs: args.jobDurationMs ?? Number(env.USEAPI_SIM_JOB_MS ?? 4000),
		host: args.host ?? '127.0.0.1',
		expiredTokens: args.expiredTokens,
	};
	for (const k of ['progressSteps', 'imageBytes', 'publicUrl'])
		if (args[k] !== undefined) options[k] = args[k];
	const sim = await startSimulator(options);
	serveUntilSignal(sim, [
		`useapi.net Midjourney v3 simulator listening on ${sim.url}`,
		`USEAPI_SIM_URL=${sim.url}`,
		`USEAPI_SIM_TOKEN=${sim.token}`,
	]);
}

runCli(main);
