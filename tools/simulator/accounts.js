'use strict';
// Configured Midjourney channels (GET/POST/DELETE /accounts, POST /accounts/reset/:channel) and
// the per-channel Midjourney settings that /settings, /fast, /relax, /remix... read and toggle.
const crypto = require('node:crypto');
const { ApiError, badRequest, sendJson, sendEmpty } = require('./http-util');
const { redactToken, isHttpUrl } = require('./util');
const { toInt, optString } = require('./body');

const DEFAULT_CHANNELS = [
	{
		channel: '1234567890123456789',
		discord: 'MTIfake...xyz',
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 3,
	},
];

/** Settings of a fresh account: the values of the docs' /settings example. */
function defaultSettings() {
	return {
		version: '7',
		raw: false,
		stylize: 250,
		personalization: false,
		public: true,
		remix: true,
		variability: true,
		turbo: false,
		fast: false,
		relax: true,
		suffix: '--v 7 --s 250',
	};
}

/** The channel id is "discovered" from the Discord token: a stable 19-digit id derived from it. */
function channelIdFromDiscord(discord) {
	const n = crypto.createHash('sha256').update(discord).digest().readBigUInt64BE(0);
	return String(1000000000000000000n + (n % 9000000000000000000n));
}

function normalizeChannel(c) {
	const out = {
		discord: String(c.discord ?? 'MTIfake...xyz'),
		channel: String(c.channel ?? channelIdFromDiscord(String(c.discord ?? ''))),
		maxJobs: c.maxJobs ?? 3,
		maxImageJobs: c.maxImageJobs ?? Math.min(3, c.maxJobs ?? 3),
		maxVideoJobs: c.maxVideoJobs ?? Math.min(3, c.maxJobs ?? 3),
	};
	if (c.replyUrl) out.replyUrl = c.replyUrl;
	if (c.error) out.error = c.error;
	return out;
}

/** What the API shows of a channel: the Discord token redacted. */
function publicChannel(c) {
	return { ...c, discord: redactToken(c.discord) };
}

function validateAccount(fields) {
	const discord = optString(fields.discord);
	if (!discord || !discord.trim())
		throw badRequest('Required parameter discord is missing or empty');
	const limits = { maxJobs: [1, 15], maxImageJobs: [1, 12], maxVideoJobs: [1, 12] };
	const values = {};
	for (const [name, [min, max]] of Object.entries(limits)) {
		const v = toInt(fields[name]);
		if (v !== undefined && (Number.isNaN(v) || v < min || v > max)) {
			throw badRequest(`Parameter ${name} must be a number between ${min} and ${max}`);
		}
		values[name] = v;
	}
	const maxJobs = values.maxJobs ?? 3;
	for (const name of ['maxImageJobs', 'maxVideoJobs']) {
		// The defaults (3) shrink to maxJobs when maxJobs is smaller, so { maxJobs: 1 } alone is valid.
		if (values[name] === undefined) values[name] = Math.min(3, maxJobs);
		else if (values[name] > maxJobs)
			throw badRequest(
				`Parameter ${name} (${values[name]}) must be less than or equal to maxJobs (${maxJobs})`,
			);
	}
	const replyUrl = optString(fields.replyUrl);
	if (replyUrl !== undefined) {
		if (replyUrl.length > 2048)
			throw badRequest('Parameter replyUrl is too long (maximum 2048 characters)');
		if (!isHttpUrl(replyUrl)) throw badRequest('Parameter replyUrl must be a valid http(s) URL');
	}
	const config = {
		discord: discord.trim(),
		channel: channelIdFromDiscord(discord.trim()),
		maxJobs,
		maxImageJobs: values.maxImageJobs,
		maxVideoJobs: values.maxVideoJobs,
	};
	if (replyUrl) config.replyUrl = replyUrl;
	return config;
}

function channelOr404(sim, id) {
	const c = sim.channels.get(id);
	if (!c) throw new ApiError(404, null); // documented: 404 with an empty body
	return c;
}

const handlers = {
	list(sim, ctx) {
		if (sim.channels.size === 0) throw new ApiError(404, null);
		const map = {};
		for (const [id, c] of sim.channels) map[id] = publicChannel(c);
		sendJson(ctx.res, 200, map);
	},

	get(sim, ctx, id) {
		sendJson(ctx.res, 200, publicChannel(channelOr404(sim, id)));
	},

	async post(sim, ctx) {
		const { fields } = await ctx.body();
		const config = validateAccount(fields);
		// The same Discord token always "discovers" the same channel (also for channels given as options).
		const known = [...sim.channels.values()].find((c) => c.discord === config.discord);
		if (known) config.channel = known.channel;
		const existed = sim.channels.has(config.channel);
		// POST replaces the configuration (re-validating the token clears a previous error state).
		sim.channels.set(config.channel, config);
		sim.statsFor(config.channel);
		sendJson(ctx.res, existed ? 200 : 201, publicChannel(config));
	},

	delete(sim, ctx, id) {
		channelOr404(sim, id);
		sim.channels.delete(id);
		sendEmpty(ctx.res, 204);
	},

	reset(sim, ctx, id) {
		const c = channelOr404(sim, id);
		delete c.error;
		sendEmpty(ctx.res, 204);
	},
};

module.exports = {
	DEFAULT_CHANNELS,
	defaultSettings,
	normalizeChannel,
	publicChannel,
	channelIdFromDiscord,
	accountHandlers: handlers,
};
