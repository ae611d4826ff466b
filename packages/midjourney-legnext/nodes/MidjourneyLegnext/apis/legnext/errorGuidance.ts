import type { ErrorGuidance, Guidance } from '../../transport/ErrorGuidance';

const CREDENTIAL = 'Midjourney (Legnext) API';

const UNAVAILABLE: Guidance = {
	message: 'Legnext is temporarily unavailable',
	action:
		'Run the node again in a minute. A job Legnext had already accepted keeps running: read it with Job → Get (its job_id), or look at your task history on legnext.ai.',
};

const text = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Legnext's errors. The one captured body (a 403) is a task object with `status: "failed"` and
 * `error: { code, raw_message, message }`; its OpenAPI file declares `{ error: { … } }` instead.
 * Both put the words in `error.message`, so that is read, then `raw_message`, then a plain string.
 */
function apiMessage(body: Record<string, unknown>): { message?: string; details?: string } {
	const error = body.error;
	if (error && typeof error === 'object' && !Array.isArray(error)) {
		const fields = error as Record<string, unknown>;
		return { message: text(fields.message) ?? text(fields.raw_message) };
	}
	return { message: text(error) ?? text(body.message) };
}

/** Legnext's HTTP statuses (facts sheet §8), each with what to do. */
export const legnextErrors: ErrorGuidance = {
	byStatus: {
		400: {
			message: 'Legnext rejected the request',
			action: 'Correct what the message above describes, then run the node again.',
		},
		401: {
			message: 'Legnext did not accept the API key',
			action: `Open the "${CREDENTIAL}" credential and paste a key from https://legnext.ai/app/api-keys (sent as x-api-key). Nothing was charged.`,
		},
		402: {
			message: 'The Legnext balance is too low for this job',
			action:
				'Top up points or credits on legnext.ai (Operation → Get Balance shows what is left, for free), then run the node again. Nothing was created or charged.',
		},
		403: {
			message: 'Legnext refused this for the account',
			action:
				'The feature is not enabled for this account (edit needs a whitelisted account), or the account is restricted, for example after too many failed or moderated jobs today. Upgrade the plan or ask Legnext support; nothing was created.',
		},
		404: {
			message: 'Legnext has no such job',
			action:
				'Check the Job ID: use the job_id a job operation of this node output (a UUID). Legnext may forget jobs after a few days.',
		},
		429: {
			message: 'Legnext is at its limit for this account',
			action:
				'Too many jobs at once (a standard account runs 6) or too many requests. The node waited and retried until its timeout; raise Options → Timeout or lower Options → Max Concurrent Jobs.',
		},
		500: UNAVAILABLE,
		502: UNAVAILABLE,
		503: UNAVAILABLE,
		504: UNAVAILABLE,
	},
	otherStatus: (statusCode) => ({
		message: `Legnext answered HTTP ${statusCode}`,
		action: 'Run the node again; if it keeps failing, contact Legnext support.',
	}),
	knownRefusals: [
		{
			pattern: /whitelist/i,
			action:
				'This feature is only available to whitelisted Legnext accounts: upgrade the plan or contact Legnext support. Nothing was created.',
		},
		{
			pattern: /not (yet )?completed|still (running|pending)|not finished/i,
			action: 'Wait until the parent job is completed (Job → Get), then run this item again.',
		},
		{
			pattern: /moderat|banned|prohibited|community guidelines/i,
			action:
				"Rephrase the prompt following Midjourney's community guidelines. Repeated refusals can lock the key for the day (403).",
		},
	],
	apiMessage,
	unreachable: {
		message: 'Could not reach Legnext',
		action: `Check the Base URL in the "${CREDENTIAL}" credential and the network of this n8n instance.`,
	},
	whereToLook:
		'look at your task history on legnext.ai (Legnext has no endpoint that lists jobs) and at the points your balance shows',
	afterTimeout:
		"Legnext has no cancel: the job keeps running and its points are charged when it completes. Read it later with Job → Get (free) using its job_id, raise Options → Timeout, or use Wait for Completion → Don't Wait with a Callback URL to the Midjourney (Legnext) Trigger.",
};
