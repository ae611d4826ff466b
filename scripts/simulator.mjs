// `npm run simulator -- [--port 8787] [--token sim-token] [--job-ms 4000]`: the useapi.net
// Midjourney v3 simulator (see tools/simulator/README.md).
import '../tools/simulator/cli.js';
