'use strict';
// What Midjourney refuses in a prompt where the API docs say so (api-docs/, the team's copy of the documents): the
// OpenAPI ranges of --ar, --s, --c, --seed and the imagine page's --motion low|high. Written
// independently of the node's own checker, so a node that sends such a prompt is caught here.
// Midjourney answers these with an "Invalid parameter" message: the job fails at once.

const RULES = {
	ar: [/^\d+:\d+$/, 'must be W:H with whole numbers'],
	aspect: [/^\d+:\d+$/, 'must be W:H with whole numbers'],
	s: [inRange(0, 1000), 'must be between 0 and 1000'],
	stylize: [inRange(0, 1000), 'must be between 0 and 1000'],
	c: [inRange(0, 100), 'must be between 0 and 100'],
	chaos: [inRange(0, 100), 'must be between 0 and 100'],
	seed: [inRange(0, 4294967295), 'must be between 0 and 4294967295'],
	motion: [/^(low|high)$/i, 'must be low or high'],
};

function inRange(min, max) {
	return { test: (v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max };
}

/** The "Invalid parameter" details for a prompt Midjourney refuses, or undefined. */
function invalidParameter(prompt) {
	const parts = String(prompt || '')
		.split(/\s(?=--)/)
		.slice(1);
	for (const part of parts) {
		const [, name, value = ''] = /^--(\S+)\s*(.*)$/.exec(part.trim()) || [];
		if (!name) continue;
		const glued = /^(ar|aspect|s|stylize|c|chaos|seed|v)(\d.*|[:=].*)$/i.exec(name);
		if (glued) return `Unrecognized parameter(s): \`--${name}\``;
		const rule = RULES[name.toLowerCase()];
		if (rule && !rule[0].test(value.trim())) {
			return `Invalid value for --${name}: \`${value.trim()}\` ${rule[1]}`;
		}
	}
	return undefined;
}

module.exports = { invalidParameter };
