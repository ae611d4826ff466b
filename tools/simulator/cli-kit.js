'use strict';
// What every simulator's command line does alike: read `--flag value` / `--flag=value` pairs
// from a table, and keep the simulator up until SIGINT/SIGTERM closes it.

/**
 * @param {string[]} argv process.argv.slice(2)
 * @param {Record<string, [string, (s: string) => unknown]>} flags '--flag' -> [option, convert]
 * @param {string} script path shown in the usage line
 */
function parseFlags(argv, flags, script) {
	const usage = `usage: node ${script} ${Object.keys(flags)
		.map((f) => `[${f} V]`)
		.join(' ')}`;
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s);
		if (flag === '-h' || flag === '--help') {
			console.log(usage);
			process.exit(0);
		}
		if (!flags[flag]) {
			console.error(`unknown argument ${argv[i]}\n${usage}`);
			process.exit(2);
		}
		const [key, convert] = flags[flag];
		out[key] = convert(inline !== undefined ? inline : argv[++i]);
	}
	return out;
}

/** Prints `lines`, then closes `sim` and exits on SIGINT/SIGTERM. */
function serveUntilSignal(sim, lines) {
	for (const line of lines) console.log(line);
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

/** Runs `main`, exiting 1 on a failure (a port in use, a bad option). */
function runCli(main) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}

module.exports = { parseFlags, serveUntilSignal, runCli };
