'use strict';
// What a simulator holds while it runs, empty (the constructor's starting point).
const { RequestLog } = require('../simulator-v1/log');
const { CdnStore } = require('./cdn');
const { defaultFaults } = require('./faults');

/** What a simulator holds while it runs, empty. */
function freshRuntime(sim) {
	return {
		log: [],
		cdnLog: [], // { method, path, status, sentKey, sentAuthorization } per CDN request
		callbacks: [],
		tasks: new Map(), // job_id -> the task object GET answers
		meta: new Map(), // job_id -> internal state (slot, timer, callback, markers ...)
		queue: [], // job_ids waiting for a slot (overLimit 'queue')
		faults: defaultFaults(),
		cdn: new CdnStore(sim),
		requestLog: new RequestLog(sim),
		timers: new Set(),
		outgoing: new Set(), // callback requests in flight
		hanging: new Set(), // submit answers held back by submitAnswers
		generation: 0,
		taskSeq: 0,
		closed: false,
		startedAt: Date.now(),
	};
}

module.exports = { freshRuntime };
