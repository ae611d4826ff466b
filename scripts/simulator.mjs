// `npm run simulator -- [--port 8787] [--token sim-token] [--job-ms 4000]`: the useapi.net
// Midjourney v3 simulator (see test/simulator/README.md).
import '../test/simulator/cli.js';
