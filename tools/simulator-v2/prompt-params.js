'use strict';
// The document's second 422: "Invalid parameter" / "Unrecognized parameter(s): `size`". A prompt
// flag (--name) that Midjourney does not know is refused; values are not checked.

const KNOWN = new Set(
	(
		'ar aspect c chaos no q quality r repeat seed sameseed stop s stylize style tile iw niji v ' +
		'version hd test testp uplight upbeta upanime video fast relax turbo w weird cref cw sref sw ' +
		'sv p personalize profile raw draft exp oref ow public stealth motion loop end bs batch_size ' +
		'creative zoom'
	).split(' '),
);

/** The unknown flag names of a prompt, in order of appearance, without duplicates. */
function unknownParams(prompt) {
	const names = [];
	for (const m of String(prompt || '').matchAll(/(?:^|\s)--([A-Za-z][\w-]*)/g)) {
		const name = m[1].toLowerCase();
		if (!KNOWN.has(name) && !names.includes(name)) names.push(name);
	}
	return names;
}

/** W:H of --ar / --aspect, or [1, 1]. */
function aspectRatio(prompt) {
	const m = /(?:^|\s)--(?:ar|aspect)\s+(\d+)\s*:\s*(\d+)/i.exec(String(prompt || ''));
	const w = m ? Number(m[1]) : 1;
	const h = m ? Number(m[2]) : 1;
	return w > 0 && h > 0 && w / h <= 8 && h / w <= 8 ? [w, h] : [1, 1];
}

module.exports = { unknownParams, aspectRatio, KNOWN_PARAMS: KNOWN };
