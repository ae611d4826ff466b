import type { JsonObject } from 'n8n-workflow';

import type { ErrorGuidance, Guidance } from '../../transport/ErrorGuidance';
import { useapiV3Errors } from '../useapiV3/errorGuidance';

/** Same host, same token, same subscription as v3: those answers mean the same. */
const shared = useapiV3Errors.byStatus;

/** Where v2's accounts are configured (the document's "See Setup Midjourney"). */
const ACCOUNTS =
	"POST https://api.useapi.net/v2/account/midjourney, see useapi.net's Setup Midjourney page";

/** The v2 imagine document's error statuses, and what to do about each. */
const BY_STATUS: Record<number, Guidance> = {
	400: {
		message: 'useapi.net rejected the request',
		action: 'Correct what the message above describes, then run the node again.',
	},
	401: shared[401],
	402: shared[402],
	404: {
		message: 'Not found',
		action: 'Check the Job ID: use the jobid a job operation of this node output.',
	},
	422: {
		message: 'Midjourney moderated the request',
		action:
			'Rephrase the prompt following the Midjourney community guidelines, or remove the parameters it names (Unrecognized parameter), then run again. Repeated moderation can get a Discord account flagged.',
	},
	429: {
		message: 'The Midjourney account is busy',
		action:
			'All its job slots (maxJobs) are in use, or Discord rate-limited the request. The node waited and retried until its timeout; raise Options → Timeout or lower Options → Max Concurrent Jobs.',
	},
	500: shared[503],
	502: shared[502],
	503: shared[503],
	504: {
		message: 'Midjourney queued the job instead of running it',
		action:
			'useapi.net cannot follow a queued job, though Midjourney still runs it (see its Discord channel). maxJobs is probably higher than the Midjourney plan allows (3 for Basic and Standard, 15 for Pro and Mega): lower Options → Max Jobs for the next minutes.',
	},
	596: {
		message: 'The Midjourney account has a pending moderation message',
		action:
			'useapi.net halts every call of that account until it is cleared. Log into Discord, acknowledge the Midjourney moderation message, then clear the block with POST https://api.useapi.net/v2/account/midjourney/<channel>/reset (this node has no operation for it).',
	},
};

/** 400 and 404 answers whose cause the node knows better than the generic advice. */
const KNOWN_REFUSALS: Array<{ pattern: RegExp; action: string }> = [
	{
		pattern: /discord, server or channel value is missing/i,
		action: `No Midjourney account is configured for the v2 API at useapi.net (the node never sends a Discord token): add one (${ACCOUNTS}), or set Options → Channel ID to a configured account's channel.`,
	},
	{
		pattern: /channel \d+ is not configured/i,
		action: `Set Options → Channel ID to the channel of an account configured for the v2 API (${ACCOUNTS}), or leave it empty to let useapi.net pick one.`,
	},
	{
		pattern: /unable to locate jobid/i,
		action:
			'No job of this useapi.net account has that ID: check the Job ID (use the jobid a job operation of this node output).',
	},
];

/** The channel a 596 is about: the failed job's, or the one the reset path in the message names. */
function lockedChannel(body: JsonObject): string | undefined {
	if (typeof body.channel === 'string' && /^\d+$/.test(body.channel)) return body.channel;
	const fromJob = typeof body.jobid === 'string' ? /-c(\d+)-/.exec(body.jobid)?.[1] : undefined;
	const fromMessage =
		typeof body.error === 'string' ? /midjourney\/(\d+)\/reset/i.exec(body.error)?.[1] : undefined;
	return fromJob ?? fromMessage;
}

/** useapi.net's legacy v2 errors: `{ error, errorDetails?, code }`, as v3 words them. */
export const useapiV2Errors: ErrorGuidance = {
	byStatus: BY_STATUS,
	otherStatus: useapiV3Errors.otherStatus,
	knownRefusals: KNOWN_REFUSALS,
	apiMessage: useapiV3Errors.apiMessage,
	refine: (guidance, statusCode, body) => {
		const channel = statusCode === 596 ? lockedChannel(body) : undefined;
		if (!channel) return undefined;
		return { ...guidance, action: guidance.action.replace('<channel>', channel) };
	},
	unreachable: useapiV3Errors.unreachable,
	whereToLook: 'check your Midjourney DM in Discord (or your Reply URL)',
	afterTimeout:
		"Raise Options → Timeout, or use Wait for Completion → Don't Wait (or Pause Until Callback) with a Reply URL.",
	lockedChannel: `The channel needs attention in Discord (moderation or CAPTCHA). Resolve it, then reset the channel: ${'POST https://api.useapi.net/v2/account/midjourney/<channel>/reset'}.`,
};
