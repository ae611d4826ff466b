'use strict';
/**
 * Four Tool nodes under n8n's real AI Agent, in a real n8n with three packed packages installed
 * (as n8n's installer does, one after the other): the root package's MidjourneyV3 and
 * Midjourney v2 (Legacy), packages/midjourney-v1-api's Midjourney /v1 API and
 * packages/midjourney-legnext's Midjourney (Legnext). A workflow per tool: Manual Trigger → AI Agent (a fixed prompt) with an OpenAI Chat
 * Model whose credential's Base URL points at a scripted mock model (tools/n8n/mockChatModel.js),
 * and, on its ai_tool input, `<package>.<node>Tool` (each node's own package) with operation Imagine, Wait: Poll and
 * Prompt = $fromAI('Prompt') as n8n's editor sets it for a tool.
 *
 * The tool is left as the editor leaves a new one: Tool Description set automatically, Prompt
 * from the model ($fromAI without a description), the whole job as output. Each case records
 * what the model was offered (name, description, parameter schema) and the answer it was sent.
 *
 * The mock model calls the one tool it is offered with a prompt, then answers with the tool's
 * result. Each tool must reach ITS OWN API once: the MidjourneyV3 tool useapi.net v3, the
 * Midjourney /v1 API tool the /v1 API, the Legacy tool useapi.net v2, the Legnext tool Legnext's
 * API, each served by its own simulator with its own token; the other simulators must receive nothing. The answer the model is sent
 * is the tool's compact answer (at most 1.5 kB, no signed URL, reference or base64) with the job
 * id; the MidjourneyV3 tool with Don't Wait answers the id and when to read it, with Pause Until
 * Callback it refuses before any request. No API token may reach the model, the execution data
 * or n8n's log.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startStack } = require('../../tools/n8n/stack');
const { assertNoTokenLeak, findLeak } = require('../../tools/n8n/hygiene');
const { startMockChatModel } = require('../../tools/n8n/mockChatModel');

const REPO_ROOT = path.join(__dirname, '..', '..');
const { startV1Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v1'));
const { startV2Simulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-v2'));
const { startLegnextSimulator } = require(path.join(REPO_ROOT, 'tools', 'simulator-legnext'));

const PACKAGE = 'n8n-nodes-useapi-midjourney';
const V1_PACKAGE = 'n8n-nodes-midjourney-v1-api';
const LEGNEXT_PACKAGE = 'n8n-nodes-midjourney-legnext';
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
let legnext;
let model;
const v1Token = `e2e-v1-${crypto.randomBytes(12).toString('hex')}`;
const v2Token = `e2e-v2-${crypto.randomBytes(12).toString('hex')}`;
const legnextKey = `e2e-legnext-${crypto.randomBytes(12).toString('hex')}`;
const openAiKey = `sk-mock-${crypto.randomBytes(12).toString('hex')}`;
let credentials;

beforeAll(async () => {
	stack = await startStack({ name: 'ai-agent-tools', sim: { jobDurationMs: 1000 }, packages: ['midjourney-v1-api', 'midjourney-legnext'] });
	n8n = stack.n8n;
	v1 = await startV1Simulator({ port: 0, token: v1Token, jobDurationMs: 1000 });
	v2 = await startV2Simulator({ port: 0, token: v2Token, jobDurationMs: 1000 });
	legnext = await startLegnextSimulator({ key: legnextKey, jobDurationMs: 1000 });
	model = await startMockChatModel({ apiKey: openAiKey, text: PROMPT });
	const v1Credential = await n8n.createCredential('midjourneyV1ProfileApi', 'Midjourney OpenAPI Profile API', {
		apiToken: v1Token,
		baseUrl: v1.url,
	});
	// v2 is served by useapi.net beside v3; here it has its own simulator, URL and token
	const legacy = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (v2)', {
		apiToken: v2Token,
		baseUrl: v2.url,
	});
	const legnextCredential = await n8n.createCredential('midjourneyLegnextApi', 'Midjourney (Legnext) API', {
		apiToken: legnextKey,
		baseUrl: legnext.url,
	});
	const openAi = await n8n.createCredential('openAiApi', 'Mock OpenAI', {
		apiKey: openAiKey,
		url: model.url,
		header: false,
	});
	credentials = {
		v3: { useApiMidjourneyApi: stack.credential },
		v1: { midjourneyV1ProfileApi: { id: String(v1Credential.id), name: 'Midjourney OpenAPI Profile API' } },
		v2: { useApiMidjourneyApi: { id: String(legacy.id), name: 'useapi.net API (v2)' } },
		legnext: { midjourneyLegnextApi: { id: String(legnextCredential.id), name: 'Midjourney (Legnext) API' } },
		openAi: { openAiApi: { id: String(openAi.id), name: 'Mock OpenAI' } },
	};
});
afterAll(async () => {
	await stack?.stop();
	await v1?.close();
	await v2?.close();
	await legnext?.close();
	await model?.close();
});

/**
 * The four Tool nodes: their package, which API each must reach, and what the model is told the
 * tool does.
 */
const TOOLS = [
	{
		api: 'v3',
		title: 'MidjourneyV3',
		package: PACKAGE,
		node: 'midjourney',
		toolName: 'Imagine V3',
		paid: '/v3/midjourney/jobs/imagine',
		description:
			"Create 4 images or a video from a prompt (spends the user's Midjourney GPU time through useapi.net, about a minute; returns the jobid, image URLs and buttons) in MidjourneyV3",
	},
	{
		api: 'v1',
		title: 'Midjourney /v1 API',
		package: V1_PACKAGE,
		node: 'midjourneyV1Api',
		toolName: 'Imagine V1',
		paid: '/v1/imagine',
		description:
			"Create 4 images from a prompt (spends the user's Midjourney API credits, about a minute; returns the jobid and image URLs) in Midjourney /v1 API",
	},
	{
		api: 'v2',
		title: 'Midjourney v2 (Legacy)',
		package: PACKAGE,
		node: 'midjourneyLegacy',
		toolName: 'Imagine Legacy',
		paid: '/v2/jobs/imagine',
		description:
			"Create 4 images from a prompt (spends the user's Midjourney GPU time through useapi.net, about a minute; returns the jobid, image URLs and buttons) in Midjourney v2 (Legacy)",
	},
	{
		api: 'legnext',
		title: 'Midjourney (Legnext)',
		package: LEGNEXT_PACKAGE,
		node: 'midjourneyLegnext',
		resource: 'image',
		toolName: 'Imagine Legnext',
		paid: '/api/v1/diffusion',
		description:
			'Create 4 images from a prompt (spends about 80 Legnext points, about a minute; returns the jobid and image URLs) in Midjourney (Legnext)',
	},
];

/**
 * Each tool with Poll; MidjourneyV3 also with Don't Wait (the answer is the job id and when to
 * read it) and Pause Until Callback (refused before any request: an agent's turn cannot pause).
 */
const CASES = [
	...TOOLS.map((tool) => ({ ...tool, waitMode: 'poll', outcome: 'finished' })),
	{ ...TOOLS[0], toolName: 'Imagine V3 later', waitMode: 'none', outcome: 'created' },
	{ ...TOOLS[0], toolName: 'Imagine V3 paused', waitMode: 'webhook', outcome: 'refused' },
];

/** What the model is offered for a tool whose only $fromAI parameter is the editor's Prompt. */
const PROMPT_SCHEMA = {
	type: 'object',
	properties: { Prompt: { type: 'string' } },
	required: ['Prompt'],
	additionalProperties: false,
	$schema: 'http://json-schema.org/draft-07/schema#',
};

const MAX_ANSWER = 1500;

function simulators() {
	return { v3: stack.sim, v1, v2, legnext };
}

/** The jobs a simulator holds, by id (the Legnext simulator calls them tasks). */
const jobsOf = (sim) => sim.jobs ?? sim.tasks;

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
				type: `${tool.package}.${tool.node}Tool`,
				typeVersion: 1,
				position: [380, 220],
				webhookId: crypto.randomUUID(),
				// as the editor leaves a new tool: description set automatically, Prompt from the model,
				// the whole job as output (what the model gets is the node's tool answer)
				parameters: {
					resource: tool.resource ?? 'job',
					operation: 'imagine',
					prompt: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Prompt', ``, 'string') }}",
					waitMode: tool.waitMode,
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

describe.each(CASES)('the $title Tool ($waitMode) under an AI Agent', (tool) => {
	let run;
	let before;
	let chats;
	let newJobIds;

	beforeAll(async () => {
		const sims = simulators();
		before = {
			logs: Object.fromEntries(Object.entries(sims).map(([k, s]) => [k, s.log.length])),
			jobs: new Set(jobsOf(sims[tool.api]).keys()),
			model: model.requests.length,
		};
		const id = await n8n.importWorkflow(agentWorkflow(tool));
		run = await n8n.runWorkflow(id, { timeoutMs: 120_000 });
		chats = model.requests
			.slice(before.model)
			.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
			.map((r) => r.body);
		newJobIds = [...jobsOf(sims[tool.api]).keys()].filter((j) => !before.jobs.has(j));
	});

	/** The requests a simulator received during this workflow's run. */
	const received = (api) => simulators()[api].log.slice(before.logs[api]);

	test('the execution succeeds; the tool node too, unless it refuses', () => {
		// The agent hands a tool's error to the model as the tool's answer and still succeeds, so
		// the tool node's own run is checked too. Its error message is the useful part of a failure.
		const toolRuns = (run.runData[tool.toolName] ?? []).map((r) => ({
			status: r.executionStatus,
			error: r.error?.message,
		}));
		const refused =
			"Pause Until Callback cannot be used when the node runs as an AI Agent tool: the agent needs the result in this turn. Set Wait for Completion to Poll, Stream (MidjourneyV3) or Don't Wait (then read the job later with Get). Nothing was sent.";
		expect({ status: run.status, error: run.error?.message, toolRuns }).toEqual({
			status: 'success',
			error: undefined,
			toolRuns: [
				tool.outcome === 'refused'
					? { status: 'error', error: refused }
					: { status: 'success', error: undefined },
			],
		});
	});

	test(`the tool submits the job once to its own API (POST ${tool.paid}) with the model's prompt, or nothing when it refuses`, () => {
		const posts = received(tool.api).filter((r) => r.method === 'POST');
		if (tool.outcome === 'refused') {
			expect(posts).toEqual([]);
			expect(newJobIds).toEqual([]);
			return;
		}
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

	test('the model is offered the tool: its name, a description written for it, and the Prompt schema', () => {
		expect(chats).toHaveLength(2);
		const offered = (chats[0].tools ?? []).map((t) => t.function);
		// recorded for the closing note: what a model sees of this tool
		console.log(
			`offered to the model (${tool.title}, ${tool.waitMode}): ${JSON.stringify(offered)}`,
		);
		expect(offered).toEqual([
			{
				name: tool.toolName.replace(/ /g, '_'),
				description: tool.description,
				parameters: PROMPT_SCHEMA,
				strict: false,
			},
		]);
	});

	test("the model is sent the tool's answer: compact, nothing private, what to do next", () => {
		const toolMessages = chats[1].messages.filter((m) => m.role === 'tool');
		expect(toolMessages).toHaveLength(1);
		const text = textOf(toolMessages[0].content);
		console.log(`tool answer (${tool.title}, ${tool.waitMode}, ${text.length} chars): ${text}`);
		expect(text.length).toBeLessThanOrEqual(MAX_ANSWER);
		for (const forbidden of [
			'signature=',
			'webhook-waiting',
			'replyRef',
			'replyUrl',
			'base64',
			'custom_id',
			'"components"',
		]) {
			expect({ forbidden, found: text.includes(forbidden) }).toEqual({ forbidden, found: false });
		}
		const answer = JSON.parse(text);
		// on a failure this shows what the model was told instead
		const jobId = newJobIds[0] ?? "(no job was created on the tool's own API)";
		if (tool.outcome === 'refused') {
			// the agent passes the failed tool's message alone, as the tool's one item
			expect(answer).toEqual([
				{
					error: expect.stringMatching(
						/^Pause Until Callback cannot be used .* Nothing was sent\.$/,
					),
				},
			]);
			return;
		}
		expect(answer).toHaveLength(1);
		if (tool.outcome === 'created') {
			expect(answer[0]).toEqual({
				jobid: jobId,
				status: 'created',
				prompt: PROMPT,
				next: expect.stringMatching(/Get Job tool .* with this jobid in about a minute/),
			});
			return;
		}
		expect(answer[0]).toMatchObject({ jobid: jobId, status: 'completed', prompt: PROMPT });
		// v2 lists no single images, only its grid
		const shown = answer[0].imageUrls ? 'imageUrls' : 'gridUrl';
		expect(answer[0][shown].length).toBeGreaterThan(0);
		expect(answer[0].next).toMatch(new RegExp(`^Done: show the ${shown} to the user\\.`));
		// Legnext: the points the job cost, so an agent can tell the user
		if (tool.api === 'legnext') expect(answer[0].usage).toEqual({ type: 'point', frozen: 80, consume: 80 });
	});

	test("the agent's final output is the model's last message, which quotes the tool's answer", () => {
		const [out] = run.output(AGENT) ?? [];
		const toolText = textOf(chats[1].messages.find((m) => m.role === 'tool')?.content);
		expect(out?.output).toBe(`The tool answered: ${toolText}`);
		if (tool.outcome !== 'refused') expect(out?.output).toContain(newJobIds[0]);
	});

	test('no API token reaches the model', () => {
		const sent = JSON.stringify(model.requests.slice(before.model));
		const tokens = {
			'the v3 token': stack.token,
			'the /v1 token': v1Token,
			'the v2 token': v2Token,
			'the Legnext key': legnextKey,
		};
		const leaks = Object.entries(tokens)
			.map(([what, token]) => findLeak(sent, token, "the mock model's requests", what))
			.filter(Boolean);
		expect(leaks).toEqual([]);
		expect(model.requests.slice(before.model).every((r) => r.authorized)).toBe(true);
	});
});

describe('after the agents ran', () => {
	test("no API key in n8n's log, execution data, database, or the simulators' logs", async () => {
		await assertNoTokenLeak(stack, {
			minExecutions: CASES.length,
			secrets: {
				'the /v1 token': v1Token,
				'the v2 token': v2Token,
				'the Legnext key': legnextKey,
				'the OpenAI key': openAiKey,
			},
			checkUsed: false,
		});
		expect(JSON.stringify(v1.log)).not.toContain(v1Token);
		expect(JSON.stringify(v2.log)).not.toContain(v2Token);
		expect(JSON.stringify(legnext.log)).not.toContain(legnextKey);
		expect(JSON.stringify(legnext.callbacks)).not.toContain(legnextKey);
	});
});
