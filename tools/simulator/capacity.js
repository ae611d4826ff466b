'use strict';
// Channel selection and concurrency limits. Running = created/started/progress. Only image and
// video jobs count (jobType undefined verbs are "no jobType tracking" per the job model page).
const { ApiError, badRequest } = require('./http-util');
const { takeCount } = require('./faults');

const RUNNING = new Set(['created', 'started', 'progress']);
const isRunning = (job) => RUNNING.has(job.status);

/** Running capacity-counted jobs of a channel. */
function runningOn(sim, channel) {
	const counts = { total: 0, images: 0, videos: 0, jobs: [] };
	for (const job of sim.jobs.values()) {
		const meta = sim.meta.get(job.jobid);
		if (!meta || meta.channel !== channel || !meta.countsCapacity || !isRunning(job)) continue;
		counts.total++;
		if (job.jobType === 'video') counts.videos++;
		else counts.images++;
		counts.jobs.push(job);
	}
	return counts;
}

/** null when a job of `jobType` fits, else the 429 message. */
function busyMessage(cfg, counts, jobType) {
	const video = jobType === 'video';
	const typed = video ? counts.videos : counts.images;
	const typedMax = video ? cfg.maxVideoJobs : cfg.maxImageJobs;
	if (typed >= typedMax)
		return `Channel ${cfg.channel} is busy executing ${typed} ${video ? 'video' : 'image'} jobs`;
	if (counts.total >= cfg.maxJobs)
		return `Channel ${cfg.channel} is busy executing ${counts.total} jobs`;
	return null;
}

const allChannelsError = (n) =>
	new ApiError(596, {
		error: `All configured Midjourney channels (${n}) have errors (pending moderation, CAPTCHA, etc.). Please resolve channel issues before making new requests.`,
	});

const channelError = (cfg) =>
	new ApiError(596, {
		error: `Channel ${cfg.channel} has errors (pending moderation, CAPTCHA, etc.): ${cfg.error}. Please resolve channel issues and execute POST /accounts/reset/${cfg.channel} before making new requests.`,
	});

const notConfigured = (id) => badRequest(`Channel ${id} is not configured, see GET /accounts`);
const noChannels = () =>
	badRequest('No Midjourney channels configured, use POST /accounts to configure one');

function forced429(cfg, jobType) {
	const video = jobType === 'video';
	const n = video ? cfg.maxVideoJobs : cfg.maxImageJobs;
	return new ApiError(429, {
		error: `Channel ${cfg.channel} is busy executing ${n} ${video ? 'video' : 'image'} jobs`,
	});
}

/**
 * Picks the channel for a new job or throws the documented 400/429/596.
 * @param {object} o { mode: 'auto'|'single'|'parent', channel?: string, jobType?: string, countsCapacity: boolean }
 *   auto   = imagine/blend/describe: explicit channel, else a random healthy channel with capacity
 *   single = settings-type verbs: explicit channel, or the only configured one
 *   parent = button/seed: the parent job's channel
 */
function selectChannel(sim, o) {
	const configured = [...sim.channels.values()];
	let explicit = o.channel;
	const given = Boolean(o.channel);
	if (o.mode === 'single' && !explicit) {
		if (configured.length === 0) throw noChannels();
		if (configured.length > 1)
			throw badRequest(
				`channel parameter is required when multiple channels (${configured.length}) are configured`,
			);
		explicit = configured[0].channel;
	}
	if (explicit) {
		const cfg = sim.channels.get(explicit);
		if (!cfg) throw notConfigured(explicit);
		if (cfg.error) throw given ? channelError(cfg) : allChannelsError(configured.length);
		if (takeCount(sim.faults, 'force429')) throw forced429(cfg, o.jobType);
		if (o.countsCapacity) {
			const busy = busyMessage(cfg, runningOn(sim, cfg.channel), o.jobType);
			if (busy) throw new ApiError(429, { error: busy });
		}
		return cfg;
	}
	if (configured.length === 0) throw noChannels();
	const healthy = configured.filter((c) => !c.error);
	if (healthy.length === 0) throw allChannelsError(configured.length);
	if (takeCount(sim.faults, 'force429')) throw forced429(healthy[0], o.jobType);
	if (!o.countsCapacity) return healthy[Math.floor(Math.random() * healthy.length)];
	const free = [];
	let firstBusy = null;
	for (const cfg of healthy) {
		const busy = busyMessage(cfg, runningOn(sim, cfg.channel), o.jobType);
		if (busy) firstBusy = firstBusy ?? busy;
		else free.push(cfg);
	}
	if (free.length === 0) throw new ApiError(429, { error: firstBusy });
	return free[Math.floor(Math.random() * free.length)];
}

module.exports = { selectChannel, runningOn, isRunning, RUNNING };
