'use strict';
/**
 * Every Setting operation, in a real n8n, through each wait mode that settings commands use:
 * each outputs the channel's Midjourney settings as top-level fields (and Info its parsed
 * embed). On n8n 2.41.1 these once came out without any settings field.
 */
const { startStack } = require('../../tools/n8n/stack');

const OPERATIONS = ['getSettings', 'info', 'fast', 'relax', 'turbo', 'remix', 'variability'];
const WAIT_MODES = ['stream', 'poll'];

let stack;
afterAll(async () => {
	await stack?.stop();
});

function settingsWorkflow(credential, waitMode) {
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections = {};
	let previous = 'Start';
	for (const [index, operation] of OPERATIONS.entries()) {
		const name = `Setting ${operation}`;
		nodes.push({
			id: `s${index}`,
			name,
			type: 'n8n-nodes-useapi-midjourney.midjourney',
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			parameters: { resource: 'settings', operation, waitMode, options: { pollInterval: 0.2 } },
			credentials: { useApiMidjourneyApi: credential },
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	}
	return { name: `e2e: every setting operation (${waitMode})`, nodes, connections };
}

test.each(WAIT_MODES)('every Setting operation outputs the settings as fields (%s)', async (waitMode) => {
	stack ??= await startStack({ name: 'settings', sim: { jobDurationMs: 300 } });
	const { n8n, sim, credential } = stack;
	const id = await n8n.importWorkflow(settingsWorkflow(credential, waitMode));
	const run = await n8n.runWorkflow(id, { timeoutMs: 90_000 });
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');

	for (const operation of OPERATIONS) {
		const [json] = run.output(`Setting ${operation}`);
		expect({ operation, status: json.status }).toEqual({ operation, status: 'completed' });
		const job = sim.jobs.get(json.jobid);
		const settings = job.response.settings;
		expect(Object.keys(settings).length).toBeGreaterThan(0);
		for (const [key, value] of Object.entries(settings)) {
			expect({ operation, key, value: json[key] }).toEqual({ operation, key, value });
		}
		if (operation === 'info') expect(json.info).toEqual(expect.objectContaining({ jobMode: expect.any(String) }));
	}
});
