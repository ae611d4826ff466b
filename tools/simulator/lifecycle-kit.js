'use strict';
// What every simulator here (v3, /v1, legacy v2) does alike: its timers, so close() can clear
// them all, and listening on host/port with the URL clients use.

/** setTimer / clearTimer / sleep for a simulator that keeps its timers in `this.timers` (a Set). */
const timerMethods = {
	setTimer(fn, ms) {
		const handle = setTimeout(() => {
			this.timers.delete(handle);
			fn();
		}, ms);
		this.timers.add(handle);
		return handle;
	},

	clearTimer(handle) {
		if (!handle) return;
		clearTimeout(handle);
		this.timers.delete(handle);
	},

	sleep(ms) {
		return new Promise((resolve) => this.setTimer(resolve, ms));
	},
};

/**
 * Starts `sim.server` (built by `createServer(sim)`) on sim.options.host / port (0 = random) and
 * sets sim.url and sim.publicUrl (options.publicUrl, else the URL).
 */
async function listen(sim, createServer) {
	sim.server = createServer(sim);
	await new Promise((resolve, reject) => {
		sim.server.once('error', reject);
		sim.server.listen(sim.options.port, sim.options.host, () => resolve());
	});
	const { port } = sim.server.address();
	const host = ['0.0.0.0', '::', ''].includes(sim.options.host) ? '127.0.0.1' : sim.options.host;
	sim.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	sim.publicUrl = (sim.options.publicUrl || sim.url).replace(/\/$/, '');
	return sim;
}

module.exports = { timerMethods, listen };
