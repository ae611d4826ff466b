'use strict';
// Workflows the real-n8n suites and benchmarks build in code (the examples/ ones are files).
const crypto = require('node:crypto');

const PACKAGE = 'n8n-nodes-useapi-midjourney';
const uuid = () => crypto.randomUUID();

/**
 * Webhook (POST /webhook/<hookPath>, answers at once) → Code (one item per body.prompts) →
 * MidjourneyV3 Imagine (`waitMode`; Pause Until Callback gets a 600 s Timeout) → Done.
 * `credential` is `{ id, name }` of a useapi.net API credential.
 */
function webhookImagineWorkflow({ name, hookPath, waitMode, credential }) {
	return {
		name,
		nodes: [
			{
				id: uuid(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(),
				parameters: { httpMethod: 'POST', path: hookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: uuid(),
				name: 'Prompts',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'return $input.first().json.body.prompts.map((prompt) => ({ json: { prompt } }));' },
			},
			{
				id: uuid(),
				name: 'Imagine',
				type: `${PACKAGE}.midjourney`,
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'job',
					operation: 'imagine',
					prompt: '={{ $json.prompt }}',
					waitMode,
					simplify: true,
					options: waitMode === 'webhook' ? { timeout: 600 } : {},
				},
				credentials: { useApiMidjourneyApi: credential },
			},
			{ id: uuid(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, 0], parameters: {} },
		],
		connections: {
			Webhook: { main: [[{ node: 'Prompts', type: 'main', index: 0 }]] },
			Prompts: { main: [[{ node: 'Imagine', type: 'main', index: 0 }]] },
			Imagine: { main: [[{ node: 'Done', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { webhookImagineWorkflow };
