import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

interface Guidance {
	/** What happened, in the user's words. */
	message: string;
	/** What the user should do about it. */
	action: string;
}

const UNAVAILABLE: Guidance = {
	message: 'useapi.net is temporarily unavailable',
	action:
		'The API or Midjourney had a transient failure. Run the node again in a minute; jobs that were already accepted are not lost (read them with Job → Get).',
};

const GUIDANCE: Record<number, Guidance> = {
	400: {
		message: 'useapi.net rejected the request',
		action: 'Correct what the message above describes, then run the node again.',
	},
	401: {
		message: 'useapi.net did not accept the API token',
		action:
			'Open the "useapi.net API" credential and paste a valid token (see https://useapi.net/docs/start-here/setup-useapi).',
	},
	402: {
		message: 'The useapi.net subscription is not active',
		action:
			'Renew the subscription at https://useapi.net/docs/subscription, then run the node again.',
	},
	404: {
		message: 'Not found',
		action:
			'Check the job ID or channel ID. A Midjourney channel must first be added with Account → Configure.',
	},
	409: {
		message: 'The channel is still configured in the useapi.net v2 API',
		action:
			'v2 and v3 cannot share a Discord account: delete the channel from v2 first, then configure it again here.',
	},
	410: {
		message: 'The job has expired',
		action:
			'useapi.net keeps jobs for 62 days; this one is older and can no longer be read or used.',
	},
	422: {
		message: 'Midjourney moderated the request',
		action:
			'Rephrase the prompt following the Midjourney community guidelines, or fix the parameters it names, then run again.',
	},
	429: {
		message: 'The Midjourney channel is busy',
		action:
			'Every job slot of the channel is in use. The node waited and retried until its timeout; raise Options → Timeout, lower Options → Max Concurrent Jobs, or add channels with Account → Configure.',
	},
	502: UNAVAILABLE,
	503: UNAVAILABLE,
	504: {
		message: 'Midjourney queued the job instead of running it',
		action:
			"The channel's maxJobs is probably higher than your Midjourney plan allows: lower it with Account → Configure.",
	},
	596: {
		message: 'The Midjourney channel is locked: pending moderation or CAPTCHA',
		action:
			'Log into Discord, open the Midjourney DM, acknowledge the moderation message or solve the CAPTCHA, then run MidjourneyV3 → Account → Reset for the channel.',
	},
};

/** 400 answers whose cause the node knows better than the generic advice. */
const KNOWN_REFUSALS: Array<{ pattern: RegExp; action: string }> = [
	{
		pattern: /\bis not running\b/i,
		action:
			'The job has already finished (completed, failed or moderated), so there is nothing to cancel: read its result with Job → Get. Job → List Running lists the jobs that can still be cancelled.',
	},
	{
		pattern: /channel parameter is required when multiple channels/i,
		action:
			'More than one Midjourney channel is configured: choose the one to use in Options → Channel (Account → List shows them).',
	},
	{
		pattern: /^job not found$/i,
		action:
			'No job of this useapi.net account has that ID: check the Job ID (use the jobid a job operation output). Jobs expire after 62 days.',
	},
];

/** Whether the API's message names a request parameter, so "fix the parameter" is the right advice. */
function namesParameter(text: string): boolean {
	return /\b(parameter|required|missing|invalid|must be|too long|exceeds|not supported)\b/i.test(
		text,
	);
}

/** What to do about a 400, or a 404 the node recognises: specific when known, never a parameter the API did not name. */
function refusalAction(
	statusCode: number,
	apiText: string,
	extraAction: string | undefined,
): string | undefined {
	const known = KNOWN_REFUSALS.find((refusal) => refusal.pattern.test(apiText));
	if (known) return known.action;
	if (statusCode !== 400) return undefined;
	const generic = namesParameter(apiText)
		? 'Fix the parameter the message names and run the node again.'
		: GUIDANCE[400].action;
	return [extraAction, extraAction ? undefined : generic].filter(Boolean).join(' ');
}

function guidanceFor(statusCode: number): Guidance {
	return (
		GUIDANCE[statusCode] ?? {
			message: `useapi.net answered HTTP ${statusCode}`,
			action: 'Run the node again; if it keeps failing, check https://useapi.net status.',
		}
	);
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

/** The channel a 596 is about, from the failed job's id or the API's message. */
function lockedChannel(body: JsonObject): string | undefined {
	const fromJob = typeof body.jobid === 'string' ? /-c(\d+)-/.exec(body.jobid)?.[1] : undefined;
	const fromMessage =
		typeof body.error === 'string' ? /channel (\d{5,})/i.exec(body.error)?.[1] : undefined;
	return fromJob ?? fromMessage;
}

/** Turns an API answer with an error status into an error that says what happened and what to do. */
export function apiErrorFromResponse(
	node: INode,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
	extraAction?: string,
	{ replacesAction = false } = {},
): NodeApiError {
	const errorBody = errorBodyOf(body);
	let guidance = guidanceFor(statusCode);
	const channel = statusCode === 596 ? lockedChannel(errorBody) : undefined;
	if (channel)
		guidance = {
			...guidance,
			action: `${guidance.action.replace(/\.$/, '')} (channel ${channel}).`,
		};
	const apiMessage = typeof errorBody.error === 'string' ? errorBody.error : undefined;
	const details = typeof errorBody.errorDetails === 'string' ? errorBody.errorDetails : undefined;
	const refusal = replacesAction
		? undefined
		: refusalAction(statusCode, [apiMessage, details].filter(Boolean).join(' '), extraAction);
	const actions =
		refusal !== undefined ? [refusal] : [extraAction, replacesAction ? undefined : guidance.action];
	return new NodeApiError(node, errorBody, {
		message: apiMessage ? `${guidance.message}: ${apiMessage}` : guidance.message,
		description: [details, ...actions].filter(Boolean).join(' '),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * A request that got no HTTP answer at all. Built from scratch rather than wrapping the
 * helper's error, whose cause carries the request options (and so the Authorization header).
 */
export function networkError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
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
	return new NodeApiError(
		node,
		{ error: failure.message ?? 'unknown error' },
		{
			// The low-level code stays out of the message: n8n would replace such a message wholesale.
			message: 'Could not reach useapi.net',
			description: `${code ? `${code}: ` : ''}${failure.message ?? 'no answer'}. Check the Base URL in the "useapi.net API" credential and the network of this n8n instance. Jobs already accepted are not lost: read them with Job → Get.`,
			itemIndex,
		},
	);
}
