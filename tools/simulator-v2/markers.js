'use strict';
// Test markers inside prompts (they stay in the prompt, the API just "sees" them):
//   [[ms=NNN]]    this job lasts NNN ms          [[failed]]  job ends failed
//   [[moderated]] job ends moderated             [[reject]]  submit answers 422 (moderated)
//   [[504]]       submit answers 504 Job queued   [[596]]     submit answers 596 Pending mod message

function parseMarkers(prompt) {
	const s = String(prompt || '');
	const ms = /\[\[ms=(\d+)\]\]/.exec(s);
	return {
		durationMs: ms ? Number(ms[1]) : undefined,
		failed: s.includes('[[failed]]'),
		moderated: s.includes('[[moderated]]'),
		reject: s.includes('[[reject]]'),
		queued: s.includes('[[504]]'),
		pendingMod: s.includes('[[596]]'),
	};
}

/** The prompt without markers (for file names). */
const stripMarkers = (prompt) => String(prompt || '').replace(/\[\[[^\]]*\]\]/g, ' ');

module.exports = { parseMarkers, stripMarkers };
