'use strict';
// The job object of GET /jobs/:jobid and the Discord-like `response` it carries at each phase,
// shaped after the examples of each verb's doc page.
const crypto = require('node:crypto');
const { randomDigits, snowflake } = require('./util');
const { GRID, VIDEO_GRID, VIDEO_UPSCALE, upscaleButtons, buttonCaption } = require('./buttons');

const USER_ID = '9876543210123456789';
const USERNAME = 'sim_user';
const USER_NUMBER = 'u12345';

const MODERATION_ERROR = 'Action needed to continue';
const MODERATION_DETAILS =
	'Sorry! Our AI moderators feel your prompt might be against our community standards.';

/** j + MMDDHHmmss + 9 digits + i|v|'' + -u12345-c<channel>-bot:midjourney (docs' examples). */
function makeJobId(jobType, channel, otherSuffix = '', date = new Date()) {
	const iso = date.toISOString();
	const stamp =
		iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19);
	const kind = jobType === 'image' ? 'i' : jobType === 'video' ? 'v' : otherSuffix;
	return `j${stamp}${randomDigits(9)}${kind}-${USER_NUMBER}-c${channel}-bot:midjourney`;
}

const JOB_ID_PATTERN = /^j\d{19}[a-z]?-u\d+-c\d+-bot:midjourney$/;

/** Speed label Midjourney appends to its messages. */
function modeLabel(settings, prompt) {
	if (/--turbo\b/.test(prompt || '')) return 'turbo';
	if (/--fast\b/.test(prompt || '')) return 'fast';
	if (/--relax\b/.test(prompt || '')) return 'relaxed';
	return settings.turbo ? 'turbo' : settings.fast ? 'fast' : 'relaxed';
}

const round8 = (n) => Math.max(8, Math.round(n / 8) * 8);
/** Size of one image (or video) of the grid, from --ar. */
function singleSize(prompt, video) {
	const m = /--(?:ar|aspect)\s+(\d+):(\d+)/i.exec(prompt || '');
	const raw = m ? Number(m[1]) / Number(m[2]) : 1;
	const ratio = Number.isFinite(raw) && raw > 0 ? Math.min(16, Math.max(1 / 16, raw)) : 1;
	const base = video ? 624 : 1024;
	return { width: round8(base * Math.sqrt(ratio)), height: round8(base / Math.sqrt(ratio)) };
}

function slug(text) {
	return (
		(text || 'None')
			.replace(/\[\[[^\]]*\]\]/g, '')
			.replace(/--\S+(\s+[^-\s]\S*)?/g, '')
			.trim()
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '')
			.slice(0, 40) || 'None'
	);
}

/** Discord message fields common to every phase. */
function message(meta, fields) {
	return {
		id: meta.messageId,
		type: meta.settingsType ? 20 : 0,
		channel_id: meta.channel,
		timestamp: meta.timestamp,
		...fields,
	};
}

const PAN_IDS = { '⬅️': 'pan_left', '➡️': 'pan_right', '⬆️': 'pan_up', '⬇️': 'pan_down' };
function customId(label, uuid) {
	if (/^U\d$/.test(label)) return `MJ::JOB::upsample::${label[1]}::${uuid}`;
	if (/^V\d$/.test(label)) return `MJ::JOB::variation::${label[1]}::${uuid}`;
	if (label === '🔄') return `MJ::JOB::reroll::0::${uuid}::SOLO`;
	const action =
		PAN_IDS[label] ||
		label
			.toLowerCase()
			.replace(/[^a-z0-9.]+/g, '_')
			.replace(/^_|_$/g, '');
	return `MJ::JOB::${action}::1::${uuid}`;
}

function components(labels, uuid) {
	const rows = [];
	labels.forEach((label, i) => {
		if (i % 5 === 0) rows.push({ type: 1, components: [] });
		const emoji = /^[^\w(]/u.test(label);
		rows[rows.length - 1].components.push({
			type: 2,
			style: 2,
			...(emoji ? { emoji: { name: label } } : { label }),
			custom_id: customId(label, uuid),
		});
	});
	return rows;
}

/** An attachment served by the simulator (url on cdn.discordapp.com, proxy_url on media.discordapp.net). */
function attachment(sim, meta, filename, size, video = false) {
	const id = snowflake();
	const path = `/cdn.discordapp.com/attachments/${meta.channel}/${id}/${filename}`;
	const proxyPath = `/media.discordapp.net/attachments/${meta.channel}/${id}/${filename}`;
	const file = video
		? sim.media.video(path)
		: sim.media.image(path, size.width, size.height, `${meta.uuid}/${filename}`);
	sim.media.assets.set(proxyPath, sim.media.assets.get(path));
	return {
		id,
		filename,
		url: file.url,
		proxy_url: sim.publicUrl + proxyPath,
		size: file.size,
		width: size.width,
		height: size.height,
		content_type: video ? 'video/mp4' : 'image/png',
	};
}

function imageUx(sim, meta, count, size) {
	return Array.from({ length: count }, (_, i) => ({
		id: i + 1,
		url: sim.media.image(
			`/cdn.midjourney.com/${meta.uuid}/0_${i}.png`,
			size.width,
			size.height,
			`${meta.uuid}/${i}`,
		).url,
	}));
}

function videoUx(sim, meta, count) {
	return Array.from({ length: count }, (_, i) => ({
		id: i + 1,
		url: sim.media.video(`/cdn.midjourney.com/video/${meta.uuid}/${i}.mp4`).url,
	}));
}

const mention = `<@${USER_ID}>`;

// ---- phases -------------------------------------------------------------------------------

function startedResponse(meta) {
	if (meta.settingsType)
		return message(meta, { flags: 192, content: '', embeds: [], components: [], attachments: [] });
	const prefix =
		meta.kind === 'upscale' && /^U\d$/.test(meta.button || '')
			? `Upscaling image #${meta.button.slice(1)} with `
			: '';
	return message(meta, {
		content: `${prefix}**${meta.title}** - ${mention} (Waiting to start)`,
		embeds: [],
		components: [],
		attachments: [],
	});
}

function progressResponse(sim, meta, step, steps) {
	if (meta.settingsType)
		return message(meta, { flags: 192, content: '', embeds: [], components: [], attachments: [] });
	const pct = Math.round((100 * step) / (steps + 1));
	const attachments =
		step >= Math.ceil(steps / 2)
			? [attachment(sim, meta, `${meta.uuid}_grid_0.png`, { width: 512, height: 512 })]
			: [];
	return message(meta, {
		content: `**${meta.title}** - ${mention} (${pct}%) (${meta.mode})`,
		embeds: [],
		components: [],
		attachments,
		progress_percent: pct,
	});
}

function completedResponse(sim, meta, channelSettings) {
	const build = COMPLETED[meta.kind];
	return build(sim, meta, channelSettings);
}

function mediaResult(sim, meta, { content, buttons, attachments, ux }) {
	return message(meta, {
		content,
		embeds: [],
		components: components(buttons, meta.uuid),
		attachments,
		buttons,
		...ux,
		children: {},
		executeOnce: {},
		progress_percent: 100,
	});
}

const COMPLETED = {
	grid(sim, meta) {
		const size = singleSize(meta.title);
		const caption = meta.button ? buttonCaption(meta.button) : '';
		return mediaResult(sim, meta, {
			content: `**${meta.title}** - ${caption ? `${caption} ` : ''}${mention} (${meta.mode})`,
			buttons: GRID,
			attachments: [
				attachment(sim, meta, `${USERNAME}_${slug(meta.title)}_${meta.uuid}.png`, {
					width: size.width * 2,
					height: size.height * 2,
				}),
			],
			ux: { imageUx: imageUx(sim, meta, 4, size) },
		});
	},
	upscale(sim, meta) {
		const size = singleSize(meta.title);
		const fromU = /^U\d$/.test(meta.button);
		return mediaResult(sim, meta, {
			content: fromU
				? `**${meta.title}** - Image #${meta.button.slice(1)} ${mention}`
				: `**${meta.title}** - ${buttonCaption(meta.button)} ${mention} (${meta.mode})`,
			buttons: upscaleButtons(meta.title, fromU ? null : meta.button),
			attachments: [
				attachment(sim, meta, `${USERNAME}_${slug(meta.title)}_${meta.uuid}.png`, size),
			],
			// The docs' U2 example completes with the one attachment and no imageUx; the Upscale (…)
			// variants are modelled with a CDN copy in imageUx too, as the job model allows.
			ux: fromU ? {} : { imageUx: imageUx(sim, meta, 1, size) },
		});
	},
	videoGrid(sim, meta) {
		const size = singleSize(meta.title, true);
		return mediaResult(sim, meta, {
			content: `**${meta.title}** - ${mention} (${meta.mode})`,
			buttons: VIDEO_GRID,
			attachments: [
				attachment(
					sim,
					meta,
					`${USERNAME}_${slug(meta.title)}_${meta.uuid}.mp4`,
					{ width: size.width * 2, height: size.height * 2 },
					true,
				),
			],
			ux: { videoUx: videoUx(sim, meta, 4) },
		});
	},
	videoUpscale(sim, meta) {
		const size = singleSize(meta.title, true);
		return mediaResult(sim, meta, {
			content: `**${meta.title}** - Video #${meta.button.slice(1)} ${mention}`,
			buttons: VIDEO_UPSCALE,
			attachments: [
				attachment(sim, meta, `${USERNAME}_${slug(meta.title)}_${meta.uuid}.mp4`, size, true),
			],
			ux: { videoUx: videoUx(sim, meta, 1) },
		});
	},
	seed(sim, meta) {
		const size = singleSize(meta.title);
		const seed = crypto.randomInt(0, 4294967295);
		return message(meta, {
			content: `**${meta.title}**\n**Job ID**: ${meta.parentUuid}\n**seed** ${seed}`,
			embeds: [],
			components: [],
			attachments: [0, 1, 2, 3].map((i) =>
				attachment(sim, meta, `${USERNAME}_${slug(meta.title)}_${i}_${meta.parentUuid}.png`, size),
			),
		});
	},
	describe(sim, meta) {
		const subject = 'a simulated photograph of a cat wearing a red hat';
		const prompts = [
			`${subject}, soft studio lighting, shallow depth of field, warm tones --ar 1:1`,
			`${subject} sitting on a wooden table, film grain, captured with provia film --ar 1:1`,
			`${subject}, minimalist product photography, white background, high resolution --ar 1:1`,
			`${subject} in the style of a vintage storybook illustration, muted colors --ar 1:1`,
		];
		const description = prompts.map((p, i) => `${['1️⃣', '2️⃣', '3️⃣', '4️⃣'][i]} ${p}`).join('\n\n');
		return message(meta, {
			embeds: [{ type: 'rich', description, color: 0 }],
			content: description,
			components: [
				{
					type: 1,
					components: [1, 2, 3, 4]
						.map((n) => ({
							type: 2,
							style: 2,
							label: String(n),
							custom_id: `MJ::Job::PicReader::${n}`,
						}))
						.concat([
							{ type: 2, style: 2, emoji: { name: '🔄' }, custom_id: 'MJ::Picread::Retry' },
						]),
				},
				{
					type: 1,
					components: [
						{ type: 2, style: 2, label: 'Imagine all', custom_id: 'MJ::Job::PicReader::all' },
					],
				},
			],
			attachments: [],
		});
	},
	settings(sim, meta, s) {
		return settingsMessage(
			meta,
			`Adjust your settings here. Current suffix: \` ${s.suffix}\``,
			{ ...s },
			[
				{
					type: 1,
					components: [
						{
							type: 3,
							placeholder: 'Select a version',
							custom_id: 'MJ::Settings::VersionSelector',
							options: [
								{ value: '7', label: 'Midjourney Model V7', default: s.version === '7' },
								{ value: '6.1', label: 'Midjourney Model V6.1' },
								{ value: 'niji 6', label: 'Niji Model V6' },
							],
							min_values: 1,
							max_values: 1,
						},
					],
				},
				settingsRow(
					['RAW Mode', s.raw],
					['Stylize low', s.stylize === 50],
					['Stylize med', s.stylize === 100],
					['Stylize high', s.stylize === 250],
					['Stylize very high', s.stylize === 750],
				),
				settingsRow(
					['Personalization', s.personalization],
					['Public mode', s.public],
					['Remix mode', s.remix],
					['Strong Variation Mode', s.variability],
					['Subtle Variation Mode', !s.variability],
				),
				settingsRow(
					['Turbo mode', s.turbo],
					['Fast mode', s.fast],
					['Relax mode', s.relax],
					['Reset Settings', false],
				),
			],
		);
	},
	info(sim, meta, s) {
		const jobMode = s.turbo ? 'Turbo' : s.fast ? 'Fast' : 'Relaxed';
		const description = [
			`**User ID**: ${meta.uuid}`,
			'**Subscription**: Standard (Active monthly, renews next on <t:1767225600>)',
			`**Job Mode**: ${jobMode}`,
			`**Visibility Mode**: ${s.public ? 'Public' : 'Stealth'}`,
			'**Fast Time Remaining**: 9.34/15.0 hours (62.27%)',
			'**Lifetime Usage**: 970 images',
			'',
			'**Queued Jobs (fast)**: 0',
			'**Queued Jobs (relax)**: 0',
			'**Running Jobs**: None',
		].join('\n');
		return {
			...settingsMessage(meta, description, { relax: s.relax, fast: s.fast, turbo: s.turbo }, [
				{
					type: 1,
					components: [
						{
							type: 2,
							style: 5,
							label: 'Go to your feed',
							url: 'https://www.midjourney.com/imagine',
						},
					],
				},
			]),
			embeds: [{ type: 'rich', title: `Your info - ${USERNAME}`, description, color: 0 }],
		};
	},
	fast: (sim, meta, s) =>
		settingsMessage(
			meta,
			'Done! Note that once you exhaust your fast hours, you can purchase more on the website. To conserve your fast hours, use `/relax` to switch back to relax mode.',
			speed(s),
		),
	relax: (sim, meta, s) =>
		settingsMessage(
			meta,
			'Done! Your jobs now do not consume fast-hours, but might take a little longer. You can always switch back with `/fast`',
			speed(s),
		),
	turbo: (sim, meta, s) =>
		settingsMessage(
			meta,
			'**Turbo mode enabled!** Your jobs will cost around 2x more than on `/fast` mode. Note that once you exhaust your fast hours, you can always purchase more on the website. To conserve your fast hours, use `/relax` to switch back to relax mode.',
			speed(s),
		),
	remix: (sim, meta, s) =>
		settingsMessage(
			meta,
			s.remix
				? 'Remix mode turned on! Clicking the variation buttons will now give you a chance to edit your prompt! You can always turn this off by running `/prefer remix` again.'
				: 'Remix mode turned off! You can always turn this back on by running `/prefer remix` again.',
			{ remix: s.remix },
		),
	variability: (sim, meta, s) =>
		settingsMessage(
			meta,
			s.variability
				? 'Strong variability mode turned on! Clicking the variation buttons will now make your variations stronger! You can always turn this off by running `/prefer variability` again.'
				: 'Strong variability mode turned off! Clicking the variation buttons will now make your variations subtler! You can always turn this back on by running `/prefer variability` again.',
			{ variability: s.variability },
		),
};

const speed = (s) => ({ relax: s.relax, fast: s.fast, turbo: s.turbo });

function settingsRow(...buttons) {
	return {
		type: 1,
		components: buttons.map(([label, on]) => ({
			type: 2,
			style: on ? 3 : 2,
			label,
			custom_id: `MJ::Settings::${label.replace(/\W+/g, '')}`,
		})),
	};
}

function settingsMessage(meta, content, settings, rows = []) {
	return message(meta, {
		flags: 64,
		content,
		embeds: [],
		components: rows,
		attachments: [],
		settings,
	});
}

/** Applies what a settings-type verb changes on the channel's Midjourney settings when it completes. */
function applySettingsVerb(verb, s) {
	if (verb === 'fast' || verb === 'relax' || verb === 'turbo') {
		s.fast = verb === 'fast';
		s.relax = verb === 'relax';
		s.turbo = verb === 'turbo';
	} else if (verb === 'remix') {
		s.remix = !s.remix;
	} else if (verb === 'variability') {
		s.variability = !s.variability;
	}
}

function moderatedResponse(meta) {
	return message(meta, {
		content: '',
		embeds: [
			{
				type: 'rich',
				title: MODERATION_ERROR,
				description: `${MODERATION_DETAILS}\n\nIf you think this is a mistake, please press the Appeal button below and we will send it to a more sophisticated AI to double-check the result.`,
				color: 16711680,
			},
		],
		components: [
			{
				type: 1,
				components: [
					{ type: 2, style: 1, label: 'Appeal', custom_id: `MJ::Prompts::Appeal::${meta.uuid}` },
				],
			},
		],
		attachments: [],
	});
}

module.exports = {
	makeJobId,
	JOB_ID_PATTERN,
	modeLabel,
	startedResponse,
	progressResponse,
	completedResponse,
	moderatedResponse,
	applySettingsVerb,
	MODERATION_ERROR,
	MODERATION_DETAILS,
	USER_ID,
};
