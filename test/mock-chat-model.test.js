'use strict';
/**
 * The scripted chat model the AI Agent e2e test points n8n's OpenAI Chat Model at
 * (tools/n8n/mockChatModel.js), through its HTTP door as langchain's ChatOpenAI uses it.
 */
const { startMockChatModel, lastUserText } = require('../tools/n8n/mockChatModel');

const API_KEY = 'sk-mock-unit';
let model;

beforeEach(async () => {
	model = await startMockChatModel({ apiKey: API_KEY });
});
afterEach(async () => {
	await model.close();
});

const TOOL = {
	type: 'function',
	function: {
		name: 'Imagine',
		description: 'Imagine a picture',
		parameters: {
			type: 'object',
			properties: {
				Prompt: { type: 'string', description: 'what to draw' },
				Count: { type: 'integer', minimum: 2 },
				Mode: { type: 'string', enum: ['fast', 'relax'] },
				Optional: { type: 'string' },
			},
			required: ['Prompt', 'Count', 'Mode'],
		},
	},
};

async function chat(body, apiKey = API_KEY) {
	return fetch(`${model.url}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
		body: JSON.stringify(body),
	});
}

/** The SSE chunks of a streamed answer, parsed, and whether it ended with [DONE]. */
async function chunksOf(res) {
	const events = (await res.text()).split('\n\n').filter(Boolean);
	expect(events.at(-1)).toBe('data: [DONE]');
	return events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
}

test('first turn: calls the one tool offered, its required arguments filled from the schema', async () => {
	const res = await chat({
		model: 'gpt-x',
		messages: [{ role: 'user', content: 'draw' }],
		tools: [TOOL],
	});
	expect(res.status).toBe(200);
	const body = await res.json();
	expect(body.model).toBe('gpt-x');
	expect(body.choices[0].finish_reason).toBe('tool_calls');
	const [call] = body.choices[0].message.tool_calls;
	expect(call.function.name).toBe('Imagine');
	expect(JSON.parse(call.function.arguments)).toEqual({
		Prompt: 'a red fox in snow',
		Count: 2,
		Mode: 'fast',
	});
});

test('second turn: a final answer quoting the tool result it was sent', async () => {
	const res = await chat({
		model: 'gpt-x',
		tools: [TOOL],
		messages: [
			{ role: 'user', content: 'draw' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: 'c1', type: 'function', function: { name: 'Imagine', arguments: '{}' } },
				],
			},
			{ role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: '{"jobid":"job-42"}' }] },
		],
	});
	const body = await res.json();
	expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant' } });
	expect(body.choices[0].message.content).toContain('{"jobid":"job-42"}');
	expect(body.choices[0].message.tool_calls).toBeUndefined();
});

test("text: lastUserText puts the user's last message into the tool call (npm start's chat)", async () => {
	const other = await startMockChatModel({ text: lastUserText, toolName: 'Imagine' });
	try {
		const res = await fetch(`${other.url}/chat/completions`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				tools: [{ type: 'function', function: { name: 'Get_Job', parameters: {} } }, TOOL],
				messages: [
					{ role: 'system', content: 'You draw.' },
					{ role: 'user', content: [{ type: 'text', text: ' a paper boat on a pond ' }] },
				],
			}),
		});
		const [call] = (await res.json()).choices[0].message.tool_calls;
		expect(call.function.name).toBe('Imagine');
		expect(JSON.parse(call.function.arguments)).toEqual({
			Prompt: 'a paper boat on a pond',
			Count: 2,
			Mode: 'fast',
		});
	} finally {
		await other.close();
	}
});

test('stream: true gives the same turns as OpenAI SSE chunks', async () => {
	const first = await chat({
		model: 'gpt-x',
		stream: true,
		stream_options: { include_usage: true },
		messages: [{ role: 'user', content: 'draw' }],
		tools: [TOOL],
	});
	expect(first.headers.get('content-type')).toBe('text/event-stream');
	const chunks = await chunksOf(first);
	const calls = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta.tool_calls ?? []));
	expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'Imagine' } });
	expect(JSON.parse(calls.map((c) => c.function.arguments).join(''))).toMatchObject({
		Prompt: 'a red fox in snow',
	});
	expect(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
	expect(chunks.at(-1).usage).toBeDefined();

	const second = await chat({
		model: 'gpt-x',
		stream: true,
		messages: [
			{ role: 'user', content: 'draw' },
			{ role: 'tool', tool_call_id: 'c1', content: 'job-42 done' },
		],
	});
	const text = (await chunksOf(second)).map((c) => c.choices[0]?.delta?.content ?? '').join('');
	expect(text).toContain('job-42 done');
});

test('logs every request, refuses a wrong key, lists its model and 404s anything else', async () => {
	expect((await chat({ messages: [] }, 'sk-wrong')).status).toBe(401);
	const models = await fetch(`${model.url}/models`, {
		headers: { authorization: `Bearer ${API_KEY}` },
	});
	expect((await models.json()).data.map((m) => m.id)).toEqual([model.model]);
	const other = await fetch(`${model.url}/responses`, {
		method: 'POST',
		headers: { authorization: `Bearer ${API_KEY}` },
		body: '{}',
	});
	expect(other.status).toBe(404);
	expect(model.requests.map((r) => [r.method, r.path, r.authorized])).toEqual([
		['POST', '/v1/chat/completions', false],
		['GET', '/v1/models', true],
		['POST', '/v1/responses', true],
	]);
	expect(JSON.stringify(model.requests)).not.toContain(API_KEY);
	expect(model.chatRequests()).toEqual([{ messages: [] }]);
});
