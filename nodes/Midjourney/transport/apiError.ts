import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorGuidance, Guidance } from './ErrorGuidance';
import type { ApiEndpoint } from './ApiEndpoint';

/** Whether the API's message names a request parameter, so "fix the parameter" is the right advice. */
function namesParameter(text: string): boolean {
	return /\b(parameter|required|missing|invalid|must be|too long|exceeds|not supported)\b/i.test(
		text,
	);
}

/** What to do about a 400, or a 404 the node recognises: specific when known, never a parameter the API did not name. */
function refusalAction(
	guide: ErrorGuidance,
	statusCode: number,
	apiText: string,
	extraAction: string | undefined,
): string | undefined {
	const known = guide.knownRefusals.find((refusal) => refusal.pattern.test(apiText));
	if (known) return known.action;
	if (statusCode !== 400) return undefined;
	const generic = namesParameter(apiText)
		? 'Fix the parameter the message names and run the node again.'
		: guidanceFor(guide, 400).action;
	return [extraAction, extraAction ? undefined : generic].filter(Boolean).join(' ');
}

function guidanceFor(guide: ErrorGuidance, statusCode: number): Guidance {
	return guide.byStatus[statusCode] ?? guide.otherStatus(statusCode);
}

function errorBodyOf(body: unknown): JsonObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as JsonObject;
	if (typeof body === 'string' && body.trim() !== '') {
		// Gateways answer with HTML pages; their title is the useful part.
		const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
		return { error: (title ?? body).trim().slice(0, 300) };
	}
	return {};
}

/**
 * The summary and the API's own message as one line, without saying the same thing twice: an
 * API message that is the summary (any case, trailing punctuation aside) gives just the summary,
 * one that starts with it (as a whole word) stands alone.
 */
function errorMessage(summary: string, apiMessage: string | undefined): string {
	if (!apiMessage) return summary;
	const bare = (text: string) =>
		text
			.trim()
			.replace(/[\s.!:;,]+$/, '')
			.toLowerCase();
	const lead = bare(summary);
	const own = bare(apiMessage);
	if (own === lead) return summary;
	if (own.startsWith(lead) && !/[\p{L}\p{N}]/u.test(own.charAt(lead.length))) return apiMessage;
	return `${summary}: ${apiMessage}`;
}

/** Turns an API answer with an error status into an error that says what happened and what to do. */
export function apiErrorFromResponse(
	node: INode,
	endpoint: ApiEndpoint,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
	extraAction?: string,
	{ replacesAction = false } = {},
): NodeApiError {
	const guide = endpoint.errors;
	const errorBody = errorBodyOf(body);
	const guidance =
		guide.refine?.(guidanceFor(guide, statusCode), statusCode, errorBody) ??
		guidanceFor(guide, statusCode);
	const { message: apiMessage, details } = guide.apiMessage(errorBody);
	const apiText = [apiMessage, details].filter(Boolean).join(' ');
	const refusal = replacesAction
		? undefined
		: refusalAction(guide, statusCode, apiText, extraAction);
	const actions =
		refusal !== undefined ? [refusal] : [extraAction, replacesAction ? undefined : guidance.action];
	return new NodeApiError(node, errorBody, {
		message: errorMessage(guidance.message, apiMessage),
		description: [details, ...actions].filter(Boolean).join(' '),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * A request that got no HTTP answer at all. Built from scratch rather than wrapping the
 * helper's error, whose cause carries the request options (and so the Authorization header).
 */
export function networkError(
	node: INode,
	endpoint: ApiEndpoint,
	error: unknown,
	itemIndex?: number,
): NodeApiError {
	const failure = error as {
		code?: string;
		httpCode?: string | null;
		message?: string;
		cause?: { code?: string };
	};
	// n8n's helper reports socket failures with the error code (ECONNREFUSED, ...) as httpCode.
	const code =
		failure.cause?.code ??
		failure.code ??
		(/^[A-Z_]+$/.test(failure.httpCode ?? '') ? failure.httpCode : undefined);
	const { unreachable } = endpoint.errors;
	return new NodeApiError(
		node,
		{ error: failure.message ?? 'unknown error' },
		{
			// The low-level code stays out of the message: n8n would replace such a message wholesale.
			message: unreachable.message,
			description: `${code ? `${code}: ` : ''}${failure.message ?? 'no answer'}. ${unreachable.action}`,
			itemIndex,
		},
	);
}
