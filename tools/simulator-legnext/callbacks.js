'use strict';
// Callbacks (facts sheet §6): POST JSON `{ timestamp, data: <task object> }` to the task's
// `callback` URL, unsigned (webhook_config.secret stays ""). `callbackStatuses` 'all' (default:
// the sheet says to expect POSTs on intermediate statuses too) sends every status change after
// the create answer; 'final' only completed/failed. `timestamp` is epoch ms (or s with
// callbackTimestampUnit 's'). No retries unless `callbackRetries` (none documented); the
// `duplicateCallbacks` fault sends the next N deliveries twice. Deliveries of a task are sequential.
const { deliverCallback } = require('../simulator/callback-delivery');
const { takeCount } = require('./faults');

const FINAL = new Set(['completed', 'failed']);

function notify(sim, task, meta) {
	if (!meta.callback) return;
	if (sim.config.callbackStatuses === 'final' && !FINAL.has(task.status)) return;
	const now = Date.now();
	const timestamp = sim.config.callbackTimestampUnit === 's' ? Math.floor(now / 1000) : now;
	const delivery = {
		url: meta.callback,
		body: JSON.stringify({ timestamp, data: task }),
		record: { jobId: task.job_id },
		jobStatus: task.status,
		generation: sim.generation,
		userAgent: 'legnext-simulator-callback',
	};
	const times = takeCount(sim.faults, 'duplicateCallbacks') ? 2 : 1;
	const send = () => deliverCallback(sim, delivery);
	for (let i = 0; i < times; i++) meta.callbackChain = meta.callbackChain.then(send);
}

module.exports = { notify };
