'use strict';
// Midjourney buttons: which ones a result offers, what pressing one produces, execute-once rules.

// prettier-ignore
const ALL_BUTTONS = [
	'U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4', '⬅️', '➡️', '⬆️', '⬇️',
	'Vary (Region)', 'Vary (Strong)', 'Vary (Subtle)', 'Zoom Out 1.5x', 'Zoom Out 2x',
	'Upscale (2x)', 'Upscale (4x)', 'Upscale (Subtle)', 'Upscale (Creative)',
	'Redo Upscale (2x)', 'Redo Upscale (4x)', 'Redo Upscale (Subtle)', 'Redo Upscale (Creative)',
	'Make Square', 'Make Variations', 'Remaster', 'Custom Zoom', '🔄',
	'Animate (Low motion)', 'Animate (High motion)', 'Extend (Low motion)', 'Extend (High motion)',
];

/** U1-U4 can only be executed once per parent job (a repeat returns the existing child). */
const EXECUTE_ONCE = new Set(['U1', 'U2', 'U3', 'U4']);

const GRID = ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4'];
const VIDEO_GRID = ['U1', 'U2', 'U3', 'U4', '🔄'];
const VIDEO_UPSCALE = ['Extend (High motion)', 'Extend (Low motion)'];
const PANS = { '⬅️': 'Left', '➡️': 'Right', '⬆️': 'Up', '⬇️': 'Down' };

/** Model version requested in a prompt (`--v 5.2`, `--version 6`), default 7. */
function promptVersion(prompt) {
	const m = /--(?:v|version)\s+(\d+(?:\.\d+)?)/i.exec(prompt || '');
	return m ? parseFloat(m[1]) : 7;
}

function isSquare(prompt) {
	const m = /--(?:ar|aspect)\s+(\d+):(\d+)/i.exec(prompt || '');
	return !m || m[1] === m[2];
}

/** Buttons of a single upscaled image (docs' U2 example for v6/v7; older models get older sets). */
function upscaleButtons(prompt, pressed) {
	const v = promptVersion(prompt);
	let buttons;
	if (v < 5) buttons = ['Make Variations', 'Remaster'];
	else if (v < 6)
		buttons = [
			'Upscale (2x)',
			'Upscale (4x)',
			'Vary (Subtle)',
			'Vary (Strong)',
			'Vary (Region)',
			'Zoom Out 2x',
			'Zoom Out 1.5x',
			'Custom Zoom',
			'⬅️',
			'➡️',
			'⬆️',
			'⬇️',
		];
	else
		buttons = [
			'Upscale (Subtle)',
			'Upscale (Creative)',
			'Vary (Subtle)',
			'Vary (Strong)',
			'Vary (Region)',
			'Zoom Out 2x',
			'Zoom Out 1.5x',
			'Custom Zoom',
			'⬅️',
			'➡️',
			'⬆️',
			'⬇️',
			'Animate (High motion)',
			'Animate (Low motion)',
		];
	if (!isSquare(prompt) && v >= 5)
		buttons.splice(buttons.indexOf('Custom Zoom') + 1, 0, 'Make Square');
	if (pressed) {
		// After "Upscale (X)" the result offers "Redo Upscale (X)" in its place.
		const base = pressed.replace(/^Redo /, '');
		buttons = buttons.map((b) => (b === base ? `Redo ${base}` : b));
		if (!buttons.includes(`Redo ${base}`)) buttons.unshift(`Redo ${base}`);
	}
	return buttons;
}

/**
 * What pressing `button` on a parent produces.
 * @returns {{ jobType: 'image'|'video', kind: 'grid'|'upscale'|'videoGrid'|'videoUpscale' }}
 */
function buttonOutcome(button, parentJobType) {
	if (parentJobType === 'video')
		return { jobType: 'video', kind: EXECUTE_ONCE.has(button) ? 'videoUpscale' : 'videoGrid' };
	if (/^(Animate|Extend) /.test(button)) return { jobType: 'video', kind: 'videoGrid' };
	if (EXECUTE_ONCE.has(button) || /Upscale \(/.test(button))
		return { jobType: 'image', kind: 'upscale' };
	return { jobType: 'image', kind: 'grid' };
}

/** The "- Variations by <@user>" part of a button result's content. */
function buttonCaption(button) {
	if (EXECUTE_ONCE.has(button)) return `Image #${button.slice(1)}`;
	if (/^V\d$/.test(button) || button === 'Make Variations') return 'Variations by';
	if (/^Vary \((\w+)\)$/.test(button)) return `Variations (${/\((\w+)\)/.exec(button)[1]}) by`;
	if (/^Zoom Out|Custom Zoom/.test(button)) return 'Zoom Out by';
	if (PANS[button]) return `Pan ${PANS[button]} by`;
	if (/Upscale \((\w+)\)/.test(button)) return `Upscaled (${/\((\w+)\)/.exec(button)[1]}) by`;
	if (button === 'Make Square') return 'Make Square by';
	if (button === 'Remaster') return 'Remaster by';
	return '';
}

module.exports = {
	ALL_BUTTONS,
	EXECUTE_ONCE,
	GRID,
	VIDEO_GRID,
	VIDEO_UPSCALE,
	PANS,
	upscaleButtons,
	buttonOutcome,
	buttonCaption,
	promptVersion,
	isSquare,
};
