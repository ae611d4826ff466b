'use strict';
// The job object (what POST answers, GET returns and replyUrl receives), with the document's field
// names in the document's order, plus the Discord-like values inside it.
const crypto = require('node:crypto');

const USER_ID = '1012345678901234567'; // the Midjourney user mentioned in `content`
const KEY_ORDER = [
	'jobid',
	'verb',
	'status',
	'created',
	'updated',
	'prompt',
	'discord',
	'channel',
	'server',
	'maxJobs',
	'replyUrl',
	'replyRef',
	'messageId',
	'content',
	'timestamp',
	'attachments',
	'buttons',
	'error',
	'errorDetails',
	'executingJobs',
	'code',
];
const BUTTONS = ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4'];

const MODERATED = {
	error: 'Action needed to continue',
	errorDetails:
		'Sorry! Our AI moderators feel your prompt might be against our community standards.',
	code: 422,
};
const INVALID_PARAMETER = (names) => ({
	error: 'Invalid parameter',
	errorDetails: `Unrecognized parameter(s): ${names.map((n) => `\`${n}\``).join(', ')}`,
	code: 422,
});
const FAILED = {
	error: 'Job failed',
	errorDetails: 'Midjourney reported an internal error while processing the job. Please try again.',
	code: 500,
};
const QUEUED = { error: 'Job queued', code: 504 };
const PENDING_MOD = {
	error: 'Pending mod message',
	errorDetails:
		'You have a pending moderation message. Please acknowledge it before using the bot further.',
	code: 596,
};

function digits(n) {
	let s = '';
	while (s.length < n) s += crypto.randomInt(0, 1e9).toString().padStart(9, '0');
	return s.slice(0, n);
}

/** A Discord snowflake: 19 digits, no leading zero. */
const snowflake = () => String(crypto.randomInt(1, 10)) + digits(18);

/** j + MMDDHHmmss (UTC) + 9 digits + i-u12345-c<channel>-bot:midjourney */
function makeJobId(channel, date = new Date()) {
	const p = (n) => String(n).padStart(2, '0');
	const stamp =
		p(date.getUTCMonth() + 1) +
		p(date.getUTCDate()) +
		p(date.getUTCHours()) +
		p(date.getUTCMinutes()) +
		p(date.getUTCSeconds());
	return `j${stamp}${digits(9)}i-u12345-c${channel}-bot:midjourney`;
}

/** Discord's message timestamp format: 2023-09-09T02:04:51.926000+00:00 */
const discordTimestamp = (date = new Date()) => `${date.toISOString().slice(0, 23)}000+00:00`;

/** ISO time strictly later than `previous`, so `updated` changes at every step. */
function laterIso(previous) {
	let ms = Date.now();
	if (previous) ms = Math.max(ms, Date.parse(previous) + 1);
	return new Date(ms).toISOString();
}

/** Midjourney's message text: **prompt** - <@user> (state) */
const content = (prompt, state) => `**${prompt}** - <@${USER_ID}> ${state}`;

/** Copy of `job` with its keys in KEY_ORDER (undefined values dropped). */
function ordered(job) {
	const out = {};
	for (const key of KEY_ORDER) if (job[key] !== undefined) out[key] = job[key];
	for (const [key, value] of Object.entries(job))
		if (!(key in out) && value !== undefined) out[key] = value;
	return out;
}

/** The job as the 200 answer shows it: started, "(Waiting to start)". */
function newJob(jobid, spec, account) {
	const now = new Date();
	return ordered({
		jobid,
		verb: 'imagine',
		status: 'started',
		created: now.toISOString(),
		updated: now.toISOString(),
		prompt: spec.prompt,
		discord: account.discord,
		channel: account.channel,
		server: account.server,
		maxJobs: account.maxJobs,
		replyUrl: account.replyUrl,
		replyRef: spec.replyRef,
		messageId: snowflake(),
		content: content(spec.prompt, '(Waiting to start)'),
		timestamp: discordTimestamp(now),
		code: 200,
	});
}

/** Grid size of about 2048x2048 pixels for the W:H ratio (multiples of 16). */
function gridSize([w, h]) {
	const r = Math.sqrt(w / h);
	const round16 = (n) => Math.max(16, Math.round(n / 16) * 16);
	return { width: round16(2048 * r), height: round16(2048 / r) };
}

/** file name like Midjourney's: <user>_<prompt words>_<uuid>.png */
function fileName(prompt) {
	const words =
		String(prompt)
			.replace(/--\S+(\s+[^\s-]\S*)?/g, ' ')
			.toLowerCase()
			.match(/[a-z0-9]+/g) || [];
	const slug = words.join('_').slice(0, 60).replace(/_+$/, '') || 'image';
	return `simuser_${slug}_${crypto.randomUUID()}.png`;
}

module.exports = {
	USER_ID,
	BUTTONS,
	MODERATED,
	INVALID_PARAMETER,
	FAILED,
	QUEUED,
	PENDING_MOD,
	snowflake,
	makeJobId,
	discordTimestamp,
	laterIso,
	content,
	ordered,
	newJob,
	gridSize,
	fileName,
};
