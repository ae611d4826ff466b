'use strict';
// Midjourney parameters embedded in an imagine prompt ("--ar 16:9 --v 6.1 --q 2 --s 250 ..."),
// which the document says may be given "embedded in the prompt string or as separate
// parameters". Known flags are read into the job's parameters and checked with the same rules as
// the body fields (so "--s 5000" is a 400 out_of_range); a body field wins over its flag.
// Unknown flags pass untouched.
const { ImagineRequest } = require('./schemas');
const { check } = require('./validate');
const { badRequest } = require('./errors');

const FLAGS = {
	ar: 'aspect_ratio',
	aspect: 'aspect_ratio',
	v: 'model_version',
	version: 'model_version',
	q: 'quality',
	quality: 'quality',
	s: 'stylize',
	stylize: 'stylize',
	c: 'chaos',
	chaos: 'chaos',
	seed: 'seed',
	no: 'no',
};
const MARKERS = /\[\[[^\]]*\]\]/g; // test markers (markers.js) are not part of a flag's value
const NUMERIC = new Set(['quality', 'stylize', 'chaos', 'seed']);

/** "7" -> "7.0" so `--v 7` matches the model_version enum. */
const versionOf = (raw) => (/^\d+$/.test(raw) ? `${raw}.0` : raw);

/** @returns {object} body-style fields found in the prompt, e.g. { aspect_ratio: '16:9', stylize: 250 } */
function parsePromptFlags(prompt) {
	const out = {};
	const re = /(?:^|\s)--([a-z]+)(?:\s+(?!--)((?:(?!\s--)[^])*?))?(?=\s+--|\s*$)/gi;
	const text = String(prompt).replace(MARKERS, ' ');
	for (const m of text.matchAll(re)) {
		const flag = m[1].toLowerCase();
		const field = FLAGS[flag];
		if (!field) continue;
		const raw = (m[2] || '').trim();
		if (!raw) throw badRequest('invalid_format', `--${flag} needs a value`);
		let value = raw;
		if (field === 'model_version') value = versionOf(raw);
		else if (NUMERIC.has(field)) {
			if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(raw))
				throw badRequest('invalid_type', `--${flag} must be a number`);
			value = Number(raw);
		}
		check(ImagineRequest.properties[field], value, `--${flag}`);
		out[field] = value;
	}
	return out;
}

module.exports = { parsePromptFlags };
