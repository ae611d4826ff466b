// `npm run simulator -- [--api v3|v1|legnext] [flags]`: one of the project's API simulators,
// standalone. v3 (default): the useapi.net Midjourney v3 simulator (tools/simulator/README.md);
// v1: the Midjourney /v1 OpenAPI profile (tools/simulator-v1/README.md); legnext: the Legnext
// API (tools/simulator-legnext/README.md). The other flags are the chosen simulator's own.
const SIMULATORS = {
	v3: '../tools/simulator/cli.js',
	v1: '../tools/simulator-v1/cli.js',
	legnext: '../tools/simulator-legnext/cli.js',
};

const at = process.argv.indexOf('--api');
const api = at === -1 ? 'v3' : process.argv[at + 1];
if (!SIMULATORS[api]) {
	console.error(`--api must be one of ${Object.keys(SIMULATORS).join(', ')} (got ${api ?? 'nothing'})`);
	process.exit(2);
}
if (at !== -1) process.argv.splice(at, 2);
await import(SIMULATORS[api]);
