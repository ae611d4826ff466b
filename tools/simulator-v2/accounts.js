'use strict';
// Midjourney accounts (the document's account/midjourney): the configured ones (options.accounts)
// plus any discord/server/channel a request names in full. Each channel keeps its state: a pending
// moderation message ([[596]]) halts its submits until POST account/midjourney/<channel>/reset.
const crypto = require('node:crypto');
const { ApiError, badRequest, sendJson } = require('./http-util');
const { redactDiscord } = require('./redact');
const { MISSING } = require('./validation');
const { runningOn } = require('./capacity');

const DEFAULT_MAX_JOBS = 3; // "if not provided defaulted to 3"
const DEFAULT_ACCOUNTS = [
	{
		discord: 'MTIsimulated-v2-discord-token.Gx1yZ2.fakefakefakefakexyz',
		server: '1111111111111111111',
		channel: '1234567890123456789',
		maxJobs: 3,
	},
];

/** Validates one options.accounts entry; the raw Discord token stays with the caller. */
function normalizeAccount(a) {
	if (!a || typeof a.discord !== 'string' || !a.discord)
		throw new Error('accounts[].discord is required');
	for (const key of ['server', 'channel'])
		if (!/^\d{1,20}$/.test(String(a[key] ?? '')))
			throw new Error(`accounts[].${key} must be a Discord id`);
	const maxJobs = a.maxJobs ?? DEFAULT_MAX_JOBS;
	if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > 15)
		throw new Error('accounts[].maxJobs must be an integer between 1 and 15');
	return {
		discord: redactDiscord(a.discord),
		server: String(a.server),
		channel: String(a.channel),
		maxJobs,
		...(a.replyUrl ? { replyUrl: String(a.replyUrl) } : {}),
	};
}

function pendingModError(channel) {
	return new ApiError(596, {
		error:
			'Your Discord account has received a pending moderation message from Midjourney. ' +
			`Please address this issue and POST account/midjourney/${channel}/reset before making any new API calls.`,
	});
}

const pick = (list) => list[crypto.randomInt(0, list.length)];

/**
 * The account a validated imagine request runs on:
 * { channel, server, discord (redacted), maxJobs, replyUrl? }. Throws 400 / 596.
 */
function selectAccount(sim, v) {
	const limit = (state) => v.maxJobs ?? state?.maxJobs ?? DEFAULT_MAX_JOBS;
	const use = (state, extra = {}) => {
		if (state.error) throw pendingModError(state.channel);
		return {
			channel: state.channel,
			server: state.server,
			discord: state.discord,
			maxJobs: limit(state),
			replyUrl: v.replyUrl ?? state.replyUrl,
			...extra,
		};
	};

	if (v.discord !== undefined) {
		let state = sim.channels.get(v.channel);
		if (!state) {
			state = {
				channel: v.channel,
				server: v.server,
				discord: redactDiscord(v.discord),
				configured: false,
				error: null,
			};
			sim.channels.set(v.channel, state);
		}
		return use(state, { server: v.server, discord: redactDiscord(v.discord) });
	}
	if (v.channel !== undefined) {
		const state = sim.channels.get(v.channel);
		if (!state || !state.configured)
			throw badRequest(`Channel ${v.channel} is not configured, see account/midjourney`);
		return use(state);
	}
	const configured = [...sim.channels.values()].filter((s) => s.configured);
	if (!configured.length) throw badRequest(MISSING);
	const healthy = configured.filter((s) => !s.error);
	if (!healthy.length) throw pendingModError(configured[0].channel);
	const free = healthy.filter((s) => runningOn(sim, s.channel).length < limit(s));
	return use(pick(free.length ? free : healthy));
}

/** POST /v2/account/midjourney/:channel/reset — clears the pending moderation message. */
function resetChannel(sim, ctx, channel) {
	const state = sim.channels.get(channel);
	if (!state) throw new ApiError(404, { error: `Channel ${channel} not found` });
	state.error = null;
	const { configured, error, ...view } = state;
	sendJson(ctx.res, 200, { ...view, code: 200 });
}

module.exports = {
	DEFAULT_ACCOUNTS,
	DEFAULT_MAX_JOBS,
	normalizeAccount,
	selectAccount,
	resetChannel,
};
