import type { JsonObject } from 'n8n-workflow';

import type { ErrorGuidance, Guidance } from '../../transport/ErrorGuidance';

const UNAVAILABLE: Guidance = {
	message: 'useapi.net is temporarily unavailable',
	action:
		'The API or Midjourney had a transient failure. Run the node again in a minute; jobs that were already accepted are not lost (read them with Job → Get).',
};

const BY_STATUS: Record<number, Guidance> = {
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

/** The channel a 596 is about, from the failed job's id or the API's message. */
function lockedChannel(body: JsonObject): string | undefined {
	const fromJob = typeof body.jobid === 'string' ? /-c(\d+)-/.exec(body.jobid)?.[1] : undefined;
	const fromMessage =
		typeof body.error === 'string' ? /channel (\d{5,})/i.exec(body.error)?.[1] : undefined;
	return fromJob ?? fromMessage;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const useapiV3Errors: ErrorGuidance = {
	byStatus: BY_STATUS,
	otherStatus: (statusCode) => ({
		message: `useapi.net answered HTTP ${statusCode}`,
		action: 'Run the node again; if it keeps failing, check https://useapi.net status.',
	}),
	knownRefusals: KNOWN_REFUSALS,
	apiMessage: (body) => ({ message: text(body.error), details: text(body.errorDetails) }),
	refine: (guidance, statusCode, body) => {
		const channel = statusCode === 596 ? lockedChannel(body) : undefined;
		if (!channel) return undefined;
		return { ...guidance, action: `${guidance.action.replace(/\.$/, '')} (channel ${channel}).` };
	},
	unreachable: {
		message: 'Could not reach useapi.net',
		action:
			'Check the Base URL in the "useapi.net API" credential and the network of this n8n instance. Jobs already accepted are not lost: read them with Job → Get.',
	},
	whereToLook: 'check Job → List Running or your Midjourney DM',
	afterTimeout:
		"Raise Options → Timeout for long jobs (video, upscales), or use Wait for Completion → Don't Wait with the MidjourneyV3 Trigger.",
	lockedChannel:
		'The channel needs attention in Discord (moderation or CAPTCHA). Resolve it, then run Account → Reset.',
};
