import type { ErrorGuidance, Guidance } from '../../transport/ErrorGuidance';

const UNAVAILABLE: Guidance = {
	message: 'The Midjourney API is temporarily unavailable',
	action:
		'Run the node again in a minute; jobs that were already accepted are not lost (read them with Job → Get).',
};

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The /v1 API's errors: `{ status: 'ERROR', code, message }`. */
export const midjourneyV1Errors: ErrorGuidance = {
	byStatus: {
		400: {
			message: 'The Midjourney API rejected the request',
			action: 'Correct what the message above describes, then run the node again.',
		},
		401: {
			message: 'The Midjourney API did not accept the API key',
			action:
				'Open the "Midjourney OpenAPI Profile API" credential and paste a key from the service that serves the /v1 API.',
		},
		404: {
			message: 'Not found',
			action: 'Check the job ID: use the jobid a job operation output (a UUID).',
		},
		429: {
			message: 'The Midjourney API is at its limit',
			action:
				'Too many jobs at once for this account. The node waited and retried until its timeout; raise Options → Timeout or lower Options → Max Concurrent Jobs.',
		},
		500: UNAVAILABLE,
		502: UNAVAILABLE,
		503: UNAVAILABLE,
		504: UNAVAILABLE,
	},
	otherStatus: (statusCode) => ({
		message: `The Midjourney API answered HTTP ${statusCode}`,
		action: 'Run the node again; if it keeps failing, check the Midjourney status page.',
	}),
	knownRefusals: [
		{
			pattern: /\bjob_not_cancellable\b|cannot be cancelled/i,
			action:
				'The job has already finished, so there is nothing to cancel: read its result with Job → Get.',
		},
		{
			pattern: /\bparent_not_completed\b/i,
			action: 'Wait until the parent job is completed (Job → Get), then run this item again.',
		},
		{
			pattern: /\bprompt_blocked\b/i,
			action: 'Rephrase the prompt following the Midjourney community guidelines.',
		},
	],
	apiMessage: (body) => ({ message: text(body.message), details: text(body.code) }),
	unreachable: {
		message: 'Could not reach the Midjourney API',
		action:
			'Check the Base URL in the "Midjourney OpenAPI Profile API" credential and the network of this n8n instance. Jobs already accepted are not lost: read them with Job → Get.',
	},
	whereToLook: 'check Job → List (newest first)',
	afterTimeout:
		"Raise Options → Timeout, or use Wait for Completion → Don't Wait with a Webhook URL to the Midjourney /v1 API Trigger.",
};
