'use strict';
// Test markers, read from every text a request carries (text, prompt, remixPrompt, imgUrl,
// imgUrls); they stay in the stored input. Follow-ups without text (upscale, reroll, ...) never
// inherit their parent's markers: use the failJobs knob for them.
//   [[ms=NNN]]     this task lasts NNN ms (created -> final)
//   [[failed]]     the task ends `failed` (error.code 500)
//   [[moderated]]  the task ends `failed` with a moderation error (error.code 400)
//   [[blocked]]    the submit answers 400 (a prompt refused by moderation); no task is created
//   [[retry]]      the task passes through the undocumented `retry` status (S9) once

const FLAGS = ['failed', 'moderated', 'blocked', 'retry'];

function parseMarkers(texts) {
	const s = texts.filter((t) => typeof t === 'string').join(' ');
	const found = Object.fromEntries(FLAGS.map((name) => [name, s.includes(`[[${name}]]`)]));
	const ms = /\[\[ms=(\d+)\]\]/.exec(s);
	return { ...found, durationMs: ms ? Number(ms[1]) : undefined };
}

module.exports = { parseMarkers };
