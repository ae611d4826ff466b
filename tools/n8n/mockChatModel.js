'use strict';
/**
 * A scripted OpenAI-compatible chat model for e2e tests: n8n's OpenAI Chat Model node (langchain
 * ChatOpenAI) pointed at it through the openAiApi credential's Base URL (`model.url`, ends in /v1).
 *
 *   const model = await startMockChatModel({ apiKey: 'sk-mock' });
 *   ... an AI Agent with one tool runs ...
 *   model.chatRequests()   // the bodies the model received, in order
 *   await model.close();
 *
 * What it answers on POST /v1/chat/completions, from the conversation it is sent:
 *   - no `tool` message yet and tools offered: an assistant message with one tool call to the
 *     first tool offered (or `toolName`), its arguments filled from the tool's JSON schema
 *     (strings get `text`, numbers their minimum or 1, booleans true, enums their first value);
 *   - a `tool` message present (or no tools): a final assistant message quoting every tool
 *     result it saw, so the test can find the tool's answer in the agent's output.
 * Both as one JSON response or, with `stream: true`, as OpenAI's SSE chunks ending in [DONE].
 * GET /v1/models lists one model (the editor's model dropdown). Anything else: 404 in OpenAI's
 * error format, and still logged. With `apiKey`, a request without `Authorization: Bearer
 * <apiKey>` gets 401.
 *
 * `requests` logs every request: { method, path, authorized, headers (authorization removed),
 * body (parsed JSON, or the raw text) }.
 */
const http = require('node:http');

const DEFAULT_MODEL = 'mock-gpt';
const DEFAULT_TEXT = 'a red fox in snow';

/** A value for a JSON schema: what a model would plausibly put there. */
function sampleFor(schema, text) {
	if (!schema || typeof schema !== 'object') return text;
	if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
	if ('const' in schema) return schema.const;
	for (const key of ['anyOf', 'oneOf']) {
		if (Array.isArray(schema[key])) {
			const branch = schema[key].find((s) => s && s.type !== 'null') || schema[key][0];
			return sampleFor(branch, text);
		}
	}
	if (Array.isArray(schema.allOf) && schema.allOf.length) return sampleFor(schema.allOf[0], text);
	const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
	switch (type) {
		case 'number':
		case 'integer':
			return typeof schema.minimum === 'number' ? schema.minimum : 1;
		case 'boolean':
			return true;
		case 'array':
			return [sampleFor(schema.items, text)];
		case 'object':
			return argumentsFor(schema, text);
		default:
			return text;
	}
}

/** An object for an object schema: its required properties, or all of them if none is required. */
function argumentsFor(schema, text) {
	const properties = (schema && schema.properties) || {};
	const keys =
		Array.isArray(schema?.required) && schema.required.length
			? schema.required
			: Object.keys(properties);
	return Object.fromEntries(keys.map((k) => [k, sampleFor(properties[k], text)]));
}

/** A message's content as text (string, or OpenAI content parts). */
function contentText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((p) => (typeof p === 'string' ? p : (p?.text ?? ''))).join('');
	return content == null ? '' : JSON.stringify(content);
}

/** The scripted turn for one chat completions request: { content, toolCalls }. */
function nextTurn(body, { text, toolName }) {
	const messages = Array.isArray(body?.messages) ? body.messages : [];
	const toolResults = messages.filter((m) => m?.role === 'tool').map((m) => contentText(m.content));
	const tools = (Array.isArray(body?.tools) ? body.tools : []).filter((t) => t?.function?.name);
	if (toolResults.length || !tools.length) {
		const content = toolResults.length
			? `The tool answered: ${toolResults.join('\n')}`
			: 'I have no tool to call.';
		return { content, toolCalls: [] };
	}
	const tool = (toolName && tools.find((t) => t.function.name === toolName)) || tools[0];
	const args = argumentsFor(
		tool.function.parameters || {},
		typeof text === 'function' ? text(body) : text,
	);
	return {
		content: null,
		toolCalls: [
			{
				id: `call_mock_${messages.length}`,
				type: 'function',
				function: { name: tool.function.name, arguments: JSON.stringify(args) },
			},
		],
	};
}

/** The text of the conversation's last user message ('' if none): e.g. `text: lastUserText`. */
function lastUserText(body) {
	const messages = Array.isArray(body?.messages) ? body.messages : [];
	const user = messages.filter((m) => m?.role === 'user').pop();
	return user ? contentText(user.content).trim() : '';
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

function openAiError(res, status, message, type) {
	sendJson(res, status, { error: { message, type, param: null, code: null } });
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(id, created, model, turn) {
	const message = { role: 'assistant', content: turn.content };
	if (turn.toolCalls.length) message.tool_calls = turn.toolCalls;
	return {
		id,
		object: 'chat.completion',
		created,
		model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: turn.toolCalls.length ? 'tool_calls' : 'stop',
			},
		],
		usage: USAGE,
	};
}

/** The same turn as OpenAI's streamed chunks (role, content or tool call, finish, usage, [DONE]). */
function streamCompletion(res, id, created, model, turn, includeUsage) {
	res.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	const chunk = (choices, extra = {}) =>
		res.write(
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`,
		);
	chunk([
		{
			index: 0,
			delta: { role: 'assistant', content: turn.toolCalls.length ? null : '' },
			finish_reason: null,
		},
	]);
	if (turn.toolCalls.length) {
		turn.toolCalls.forEach((call, index) => {
			chunk([
				{
					index: 0,
					delta: {
						tool_calls: [
							{
								index,
								id: call.id,
								type: 'function',
								function: { name: call.function.name, arguments: '' },
							},
						],
					},
					finish_reason: null,
				},
			]);
			chunk([
				{
					index: 0,
					delta: { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
					finish_reason: null,
				},
			]);
		});
	} else {
		chunk([{ index: 0, delta: { content: turn.content }, finish_reason: null }]);
	}
	chunk([{ index: 0, delta: {}, finish_reason: turn.toolCalls.length ? 'tool_calls' : 'stop' }]);
	if (includeUsage) chunk([], { usage: USAGE });
	res.end('data: [DONE]\n\n');
}

/**
 * Starts the mock on host:port (default 127.0.0.1, a free port). Options: apiKey, model (the id
 * GET /v1/models lists), text (what string arguments get: a string, or a function of the request
 * body, such as lastUserText), toolName (which tool to call).
 */
async function startMockChatModel(options = {}) {
	const {
		host = '127.0.0.1',
		port = 0,
		apiKey,
		model: modelId = DEFAULT_MODEL,
		text = DEFAULT_TEXT,
		toolName,
	} = options;
	const requests = [];
	let sequence = 0;

	const server = http.createServer(async (req, res) => {
		try {
			const raw = await readBody(req);
			let body = raw;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {}
			const { authorization, ...headers } = req.headers;
			const authorized = !apiKey || authorization === `Bearer ${apiKey}`;
			const path = (req.url || '/').split('?')[0];
			requests.push({ method: req.method, path, authorized, headers, body });
			if (!authorized)
				return openAiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error');

			if (req.method === 'GET' && path === '/v1/models') {
				return sendJson(res, 200, {
					object: 'list',
					data: [{ id: modelId, object: 'model', created: 1700000000, owned_by: 'mock' }],
				});
			}
			if (req.method === 'POST' && path === '/v1/chat/completions') {
				if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
					return openAiError(res, 400, 'messages is required', 'invalid_request_error');
				}
				const turn = nextTurn(body, { text, toolName });
				const id = `chatcmpl-mock-${++sequence}`;
				const created = Math.floor(Date.now() / 1000);
				const model = body.model || modelId;
				if (body.stream) {
					return streamCompletion(
						res,
						id,
						created,
						model,
						turn,
						Boolean(body.stream_options?.include_usage),
					);
				}
				return sendJson(res, 200, completion(id, created, model, turn));
			}
			return openAiError(
				res,
				404,
				`mock chat model: no route ${req.method} ${path}`,
				'invalid_request_error',
			);
		} catch (e) {
			if (!res.headersSent) openAiError(res, 500, String(e?.message || e), 'server_error');
			else res.destroy();
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const address = server.address();
	const origin = `http://${host}:${address.port}`;
	const sockets = new Set();
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	return {
		origin,
		/** the Base URL for the openAiApi credential */
		url: `${origin}/v1`,
		model: modelId,
		requests,
		/** bodies of the POST /v1/chat/completions requests, in order */
		chatRequests() {
			return requests
				.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
				.map((r) => r.body);
		},
		reset() {
			requests.length = 0;
		},
		close() {
			return new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			});
		},
	};
}

module.exports = { startMockChatModel, argumentsFor, nextTurn, lastUserText };
