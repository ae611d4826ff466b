'use strict';
// Test markers inside prompts (they stay in the prompt, the API just "sees" them):
//   [[moderated]] job ends moderated     [[reject]] POST answers 422 with the moderated job
//   [[failed]]    job ends failed         [[596]]    the channel gets "Pending mod message", POST answers 596
//   [[ms=NNN]]    this job lasts NNN ms

function parseMarkers(text) {
	const s = String(text || '');
	const ms = /\[\[ms=(\d+)\]\]/.exec(s);
	return {
		moderated: s.includes('[[moderated]]'),
		reject: s.includes('[[reject]]'),
		failed: s.includes('[[failed]]'),
		pendingMod: s.includes('[[596]]'),
		durationMs: ms ? Number(ms[1]) : undefined,
	};
}

module.exports = { parseMarkers };
