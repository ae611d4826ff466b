'use strict';
/**
 * The package's three Tool nodes under n8n's real AI Agent, in a real n8n with the packed package
 * installed. A workflow per tool: Manual Trigger → AI Agent (a fixed prompt) with an OpenAI Chat
 * Model whose credential's Base URL points at a scripted mock model (tools/n8n/mockChatModel.js),
 * and, on its ai_tool input, `<package>.<node>Tool` with operation Imagine, Wait: Poll and
 * Prompt = $fromAI('Prompt') as n8n's editor sets it for a tool.
 *
 * The mock model calls the one tool it is offered with a prompt, then answers with the tool's
 * result. Each tool must reach ITS OWN API: the MidjourneyV3 tool useapi.net v3, the Official
 * tool the /v1 API, the Legacy tool useapi.net v2, each served by its own simulator with its own
 * token; the other simulators must receive nothing. The model's second request must carry the
 * job id the tool got back, and no API token may reach the model, the execution data or n8n's log.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startStack } = require('../../tools/n8n/stack');
const { assertNoTokenLeak, findLeak } = require('../../tools/n8n/hygiene');
const { startMockChatModel } = require('../../tools/n8n/mockChatModel');

const REPO_ROOT = path.join(__dirname, '..', '..');
const { startV1Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v1'));
const { startV2Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v2'));

const PACKAGE = 'n8n-nodes-useapi-midjourney';
const PROMPT = 'a red fox in snow';
const AGENT = 'AI Agent';
const MODEL = 'OpenAI Chat Model';
// The newest AI Agent and OpenAI Chat Model versions both 2.30.8 and 2.41.1 have. Chat Model 1.2
// talks to /v1/chat/completions (1.3 defaults to the Responses API).
const AGENT_VERSION = 3.1;
const MODEL_VERSION = 1.2;

let stack;
let n8n;
let v1;
let v2;
let model;
const v1Token = `e2e-v1-${crypto.randomBytes(12).toString('hex')}`;
const v2Token = `e2e-v2-${crypto.randomBytes(12).toString('hex')}`;
const openAiKey = `sk-mock-${crypto.randomBytes(12).toString('hex')}`;
let credentials;

beforeAll(async () => {
	stack = await startStack({ name: 'ai-agent-tools', sim: { jobDurationMs: 1000 } });
	n8n = stack.n8n;
	v1 = await startV1Simulator({ port: 0, token: v1Token, jobDurationMs: 1000 });
	v2 = await startV2Simulator({ port: 0, token: v2Token, jobDurationMs: 1000 });
	model = await startMockChatModel({ apiKey: openAiKey, text: PROMPT });
	const official = await n8n.createCredential('midjourneyOfficialApi', 'Midjourney Official API', {
		apiToken: v1Token,
		baseUrl: v1.url,
	});
	// v2 is served by useapi.net beside v3; here it has its own simulator, URL and token
	const legacy = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (v2)', {
		apiToken: v2Token,
		baseUrl: v2.url,
	});
	const openAi = await n8n.createCredential('openAiApi', 'Mock OpenAI', {
		apiKey: openAiKey,
		url: model.url,
		header: false,
	});
	credentials = {
		v3: { useApiMidjourneyApi: stack.credential },
		v1: { midjourneyOfficialApi: { id: String(official.id), name: 'Midjourney Official API' } },
		v2: { useApiMidjourneyApi: { id: String(legacy.id), name: 'useapi.net API (v2)' } },
		openAi: { openAiApi: { id: String(openAi.id), name: 'Mock OpenAI' } },
	};
});
afterAll(async () => {
	await stack?.stop();
	await v1?.close();
	await v2?.close();
	await model?.close();
});

/** The three Tool nodes: which API each must reach. */
const TOOLS = [
	{
		api: 'v3',
		title: 'MidjourneyV3',
		node: 'midjourney',
		toolName: 'Imagine V3',
		paid: '/v3/midjourney/jobs/imagine',
	},
	{
		api: 'v1',
		title: 'Midjourney Official',
		node: 'midjourneyOfficial',
		toolName: 'Imagine Official',
		paid: '/v1/imagine',
	},
	{
		api: 'v2',
		title: 'Midjourney v2 (Legacy)',
		node: 'midjourneyLegacy',
		toolName: 'Imagine Legacy',
		paid: '/v2/jobs/imagine',
	},
];

function simulators() {
	return { v3: stack.sim, v1, v2 };
}

/** Manual Trigger → AI Agent (fixed prompt) ← OpenAI Chat Model (mock), ← the Tool node. */
function agentWorkflow(tool) {
	return {
		name: `AI Agent with the ${tool.title} tool`,
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a2',
				name: AGENT,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: AGENT_VERSION,
				position: [220, 0],
				parameters: { promptType: 'define', text: `Draw ${PROMPT} with Midjourney.`, options: {} },
			},
			{
				id: 'a3',
				name: MODEL,
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: MODEL_VERSION,
				position: [160, 220],
				parameters: { model: { __rl: true, mode: 'id', value: model.model }, options: {} },
				credentials: credentials.openAi,
			},
			{
				id: 'a4',
				name: tool.toolName,
				type: `${PACKAGE}.${tool.node}Tool`,
				typeVersion: 1,
				position: [380, 220],
				webhookId: crypto.randomUUID(),
				parameters: {
					descriptionType: 'manual',
					toolDescription: 'Generates Midjourney images from a text prompt and returns the job',
					resource: 'job',
					operation: 'imagine',
					prompt: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Prompt', ``, 'string') }}",
					waitMode: 'poll',
					simplify: true,
					download: 'none',
					options: { pollInterval: 0.5 },
				},
				credentials: credentials[tool.api],
			},
		],
		connections: {
			Start: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
			[MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
			[tool.toolName]: { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** A message's content as text (string or content parts). */
function textOf(content) {
	if (typeof content === 'string') return content;
	return Array.isArray(content)
		? content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('')
		: '';
}

describe.each(TOOLS)('the $title Tool under an AI Agent', (tool) => {
	let run;
	let before;
	let chats;
	let newJobIds;

	beforeAll(async () => {
		const sims = simulators();
		before = {
			logs: Object.fromEntries(Object.entries(sims).map(([k, s]) => [k, s.log.length])),
			jobs: new Set(sims[tool.api].jobs.keys()),
			model: model.requests.length,
		};
		const id = await n8n.importWorkflow(agentWorkflow(tool));
		run = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
		chats = model.requests
			.slice(before.model)
			.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
			.map((r) => r.body);
		newJobIds = [...sims[tool.api].jobs.keys()].filter((j) => !before.jobs.has(j));
	});

	/** The requests a simulator received during this workflow's run. */
	const received = (api) => simulators()[api].log.slice(before.logs[api]);

	test('the execution and the tool node succeed', () => {
		// The agent hands a tool's error to the model as the tool's answer and still succeeds, so
		// the tool node's own run is checked too. Its error message is the useful part of a failure.
		const toolRuns = (run.runData[tool.toolName] ?? []).map((r) => ({
			status: r.executionStatus,
			error: r.error?.message,
		}));
		expect({ status: run.status, error: run.error?.message, toolRuns }).toEqual({
			status: 'success',
			error: undefined,
			toolRuns: [{ status: 'success', error: undefined }],
		});
	});

	test(`the tool submits the job to its own API (POST ${tool.paid}) with the model's prompt`, () => {
		const posts = received(tool.api).filter((r) => r.method === 'POST');
		expect(posts.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${tool.paid}`]);
		expect(posts[0].status).toBeGreaterThanOrEqual(200);
		expect(posts[0].status).toBeLessThan(300);
		expect(JSON.stringify(posts[0].body)).toContain(PROMPT);
		expect(newJobIds).toHaveLength(1);
	});

	test('no other API receives anything', () => {
		for (const api of Object.keys(simulators()).filter((a) => a !== tool.api)) {
			expect({ api, requests: received(api).map((r) => `${r.method} ${r.path}`) }).toEqual({
				api,
				requests: [],
			});
		}
	});

	test("the model is offered the tool, calls it, and is then sent the tool's answer with the job id", () => {
		expect(chats).toHaveLength(2);
		const [first, second] = chats;
		const offered = (first.tools ?? []).map((t) => t.function?.name);
		expect(offered).toHaveLength(1);
		expect(offered[0]).toMatch(/^Imagine_/);
		expect(first.tools[0].function.parameters?.properties).toHaveProperty('Prompt');
		const toolMessages = second.messages.filter((m) => m.role === 'tool');
		expect(toolMessages).toHaveLength(1);
		// on a failure this shows what the model was told instead
		const jobId = newJobIds[0] ?? "(no job was created on the tool's own API)";
		expect(textOf(toolMessages[0].content)).toContain(jobId);
		// and the agent's answer is the model's final message, which quotes it
		const [out] = run.output(AGENT) ?? [];
		expect(out?.output).toContain(jobId);
	});

	test('no API token reaches the model', () => {
		const sent = JSON.stringify(model.requests.slice(before.model));
		const tokens = {
			'the v3 token': stack.token,
			'the /v1 token': v1Token,
			'the v2 token': v2Token,
		};
		const leaks = Object.entries(tokens)
			.map(([what, token]) => findLeak(sent, token, "the mock model's requests", what))
			.filter(Boolean);
		expect(leaks).toEqual([]);
		expect(model.requests.slice(before.model).every((r) => r.authorized)).toBe(true);
	});
});

describe('after the three agents ran', () => {
	test("no API key in n8n's log, execution data, database, or the simulators' logs", async () => {
		await assertNoTokenLeak(stack, {
			minExecutions: TOOLS.length,
			secrets: { 'the /v1 token': v1Token, 'the v2 token': v2Token, 'the OpenAI key': openAiKey },
			checkUsed: false,
		});
		expect(JSON.stringify(v1.log)).not.toContain(v1Token);
		expect(JSON.stringify(v2.log)).not.toContain(v2Token);
	});
});
