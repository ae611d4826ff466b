// Runs once per `npm run bench`, before any benchmark file: starts a fresh BENCHMARKS.md.
const { startRun } = require('./report');

module.exports = async () => {
	startRun();
};
