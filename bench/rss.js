// Samples this process's resident set size every ~10 ms; returns the peak seen.
function sampleRss(intervalMs = 10) {
	let peak = process.memoryUsage.rss();
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			peak = Math.max(peak, process.memoryUsage.rss());
			return peak;
		},
	};
}

function rssNow() {
	return process.memoryUsage.rss();
}

function collectGarbage() {
	if (typeof global.gc === 'function') {
		global.gc();
		global.gc();
	}
}

module.exports = { sampleRss, rssNow, collectGarbage };
