'use strict';
/**
 * examples/09-ai-agent.json in a real n8n with the packed package: a Chat Trigger → AI Agent with
 * an OpenAI Chat Model and two MidjourneyV3 tools (Imagine with Wait: Poll, Get Job). The model
 * is the scripted mock (tools/n8n/mockChatModel.js), as `npm start` wires it: it calls Imagine
 * with the user's chat message as the prompt, then answers with what the tool returned.
 *
 * The chat is driven the way the editor's chat panel does it: POST /rest/workflows/<id>/run with
 * the Chat Trigger and a chat session id registers a test webhook (`waitingForWebhook`), then the
 * message is POSTed to <webhook-test>/<workflow id>/<session id>.
 */
const crypto = require('node:crypto');
const { startStack, waitFor } = require('../../tools/n8n/stack');
const { loadExample, OPENAI_PLACEHOLDER_ID } = require('../../tools/n8n/examples');
const { assertNoTokenLeak, findLeak } = require('../../tools/n8n/hygiene');
const { startMockChatModel, lastUserText } = require('../../tools/n8n/mockChatModel');

const API = '/v3/midjourney';
const FINAL = ['success', 'error', 'crashed', 'canceled'];
const CHAT_TRIGGER = 'When chat message received';
const AGENT = 'AI Agent';
const MESSAGE = 'a paper boat on a rainy street';

let stack;
let n8n;
let sim;
let model;
const openAiKey = `sk-mock-${crypto.randomBytes(12).toString('hex')}`;

let workflowId;
let reply;
let run;
let chats;
let mark;
let jobsBefore;

/** A message's content as text (string or content parts). */
function textOf(content) {
	if (typeof content === 'string') return content;
	return Array.isArray(content)
		? content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('')
		: '';
}

beforeAll(async () => {
	stack = await startStack({ name: 'agent-example', sim: { jobDurationMs: 1000 } });
	({ n8n, sim } = stack);
	model = await startMockChatModel({ apiKey: openAiKey, text: lastUserText, toolName: 'Imagine' });
	const openAi = await n8n.createCredential('openAiApi', 'OpenAI (local mock)', {
		apiKey: openAiKey,
		url: model.url,
		header: false,
	});
	workflowId = await stack.importExample('09', undefined, {
		[OPENAI_PLACEHOLDER_ID]: { id: String(openAi.id), name: 'OpenAI (local mock)' },
	});

	mark = sim.log.length;
	jobsBefore = new Set(sim.jobs.keys());
	// the editor's "Open chat": the Chat Trigger listens on a test webhook for this session
	const sessionId = crypto.randomUUID().replace(/-/g, '');
	const started = await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: CHAT_TRIGGER },
		chatSessionId: sessionId,
	});
	expect(started).toMatchObject({ waitingForWebhook: true });
	// the chat panel's message
	const res = await fetch(`${n8n.webhookUrl}webhook-test/${workflowId}/${sessionId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput: MESSAGE }),
		signal: AbortSignal.timeout(120_000),
	});
	reply = { status: res.status, body: await res.text() };
	const [execution] = await waitFor(async () => {
		const list = await stack.executionsOf(workflowId);
		return list.length ? list : undefined;
	}, { what: 'the chat execution' });
	run = await n8n.waitForExecution(execution.id, { statuses: FINAL, timeoutMs: 120_000 });
	chats = model.chatRequests();
}, 300_000);

afterAll(async () => {
	await stack?.stop();
	await model?.close();
});

const newJobIds = () => [...sim.jobs.keys()].filter((j) => !jobsBefore.has(j));

test('the chat message runs the example to success; the Imagine tool ran once, Get Job not at all', () => {
	const toolRuns = (name) =>
		(run.runData[name] ?? []).map((r) => ({ status: r.executionStatus, error: r.error?.message }));
	expect({
		status: run.status,
		error: run.error?.message,
		imagine: toolRuns('Imagine'),
		getJob: toolRuns('Get Job'),
	}).toEqual({
		status: 'success',
		error: undefined,
		imagine: [{ status: 'success', error: undefined }],
		getJob: [],
	});
});

test("the simulator gets one POST /jobs/imagine with the chat message as the prompt, polled (stream: false)", () => {
	const posts = sim.log.slice(mark).filter((r) => r.method === 'POST');
	expect(posts.map((r) => r.path)).toEqual([`${API}/jobs/imagine`]);
	expect(posts[0].body).toMatchObject({ prompt: MESSAGE, stream: false });
	expect(newJobIds()).toHaveLength(1);
	expect(sim.jobs.get(newJobIds()[0]).status).toBe('completed');
});

test('the model is offered both tools, with the descriptions and the Prompt and Job ID parameters of the example', () => {
	expect(chats).toHaveLength(2);
	const [first] = chats;
	const system = first.messages.find((m) => m.role === 'system');
	expect(textOf(system?.content)).toMatch(/credits/);
	expect(textOf(system?.content)).toMatch(/about a minute/);
	expect(textOf(first.messages.filter((m) => m.role === 'user').pop()?.content)).toBe(MESSAGE);
	const tools = Object.fromEntries((first.tools ?? []).map((t) => [t.function.name, t.function]));
	expect(Object.keys(tools).sort()).toEqual(['Get_Job', 'Imagine']);
	expect(tools.Imagine.description).toMatch(/credits/);
	expect(tools.Imagine.parameters.properties.Prompt).toMatchObject({
		type: 'string',
		description: expect.stringMatching(/Midjourney prompt/),
	});
	expect(tools.Get_Job.parameters.properties.Job_ID).toMatchObject({ type: 'string' });
});

test("the agent's answer, in the chat reply and the execution, carries the job id and the image URLs", () => {
	const jobId = newJobIds()[0] ?? '(no job was created)';
	const toolMessages = chats[1].messages.filter((m) => m.role === 'tool');
	expect(toolMessages).toHaveLength(1);
	expect(textOf(toolMessages[0].content)).toContain(jobId);
	const [out] = run.output(AGENT) ?? [];
	expect(out?.output).toContain(jobId);
	const imageUrls = (sim.jobs.get(jobId)?.response?.imageUx ?? []).map((u) => u.url);
	expect(imageUrls).toHaveLength(4);
	for (const url of imageUrls) expect(out.output).toContain(url);
	expect(reply.status).toBe(200);
	expect(reply.body).toContain(jobId);
});

test("no API token reaches the model; no key in n8n's log, execution data, database or the simulator's log", async () => {
	expect(findLeak(JSON.stringify(model.requests), stack.token, "the mock model's requests", 'the v3 token')).toBeFalsy();
	expect(model.requests.every((r) => r.authorized)).toBe(true);
	await assertNoTokenLeak(stack, {
		minExecutions: 1,
		secrets: { 'the OpenAI key': openAiKey },
	});
});
