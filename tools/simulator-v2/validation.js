'use strict';
// POST /v2/jobs/imagine body: the document's fields, required values and maximum lengths. The two
// documented 400 texts are used verbatim; the checks the document does not spell out (maxJobs
// range, replyUrl and Discord id formats) have their own texts (see README).
const { badRequest } = require('./http-util');

const MISSING = 'prompt, discord, server or channel value is missing';
const TOO_LONG = 'prompt, replyRef or replyUrl is too long';
const MAX_PROMPT = 2048;
const MAX_REPLY = 1024;
const MAX_JOBS = 15; // "15 or less for Pro and Mega plans"

/** A string field: undefined when absent/null/empty, numbers and booleans as text. */
function optString(value, name) {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw badRequest(`${name} value must be a string`);
}

function isHttpUrl(value) {
	try {
		const u = new URL(value);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

const isDiscordId = (s) => /^\d{1,20}$/.test(s);

/**
 * @returns {{ prompt, discord?, server?, channel?, maxJobs?, replyUrl?, replyRef? }}
 * discord/server/channel: all three, `channel` alone, or none (a configured account is chosen).
 */
function validateImagine(fields) {
	const prompt = typeof fields.prompt === 'string' ? fields.prompt : undefined;
	if (!prompt || !prompt.trim()) throw badRequest(MISSING);
	const discord = optString(fields.discord, 'discord');
	const server = optString(fields.server, 'server');
	const channel = optString(fields.channel, 'channel');
	const given = [discord, server, channel].filter((v) => v !== undefined).length;
	const channelAlone = given === 1 && channel !== undefined;
	if (given > 0 && given < 3 && !channelAlone) throw badRequest(MISSING);
	for (const [name, id] of [
		['server', server],
		['channel', channel],
	])
		if (id !== undefined && !isDiscordId(id))
			throw badRequest(`${name} value must be a Discord id (digits)`);

	const replyUrl = optString(fields.replyUrl, 'replyUrl');
	const replyRef = optString(fields.replyRef, 'replyRef');
	if (
		prompt.length > MAX_PROMPT ||
		(replyUrl && replyUrl.length > MAX_REPLY) ||
		(replyRef && replyRef.length > MAX_REPLY)
	)
		throw badRequest(TOO_LONG);
	if (replyUrl !== undefined && !isHttpUrl(replyUrl))
		throw badRequest('replyUrl value must be a valid http(s) URL');

	let maxJobs;
	if (fields.maxJobs !== undefined && fields.maxJobs !== null && fields.maxJobs !== '') {
		maxJobs = typeof fields.maxJobs === 'string' ? Number(fields.maxJobs.trim()) : fields.maxJobs;
		if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MAX_JOBS)
			throw badRequest(`maxJobs value must be an integer between 1 and ${MAX_JOBS}`);
	}
	return { prompt, discord, server, channel, maxJobs, replyUrl, replyRef };
}

module.exports = { validateImagine, isHttpUrl, MISSING, TOO_LONG, MAX_PROMPT, MAX_REPLY, MAX_JOBS };
