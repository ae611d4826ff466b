'use strict';
// Test markers, read from the text a request carries (imagine/blend `prompt`, describe
// `image_url`); they stay in the stored prompt. Upscale/variation jobs carry no text of their own
// and never inherit their parent's markers.
//   [[ms=NNN]]   this job lasts NNN ms (created -> final, pending phase included)
//   [[failed]]   the job ends `failed` after its first progress step (error generation_failed)
//   [[blocked]]  the submit answers 400 prompt_blocked (the documented "contain blocked content"); no job

function parseMarkers(text) {
	const s = String(text || '');
	const ms = /\[\[ms=(\d+)\]\]/.exec(s);
	return {
		durationMs: ms ? Number(ms[1]) : undefined,
		failed: s.includes('[[failed]]'),
		blocked: s.includes('[[blocked]]'),
	};
}

module.exports = { parseMarkers };
