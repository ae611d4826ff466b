// The recorded SSE streams of test/fixtures/sse, as text, in file name order.
const fs = require('node:fs');
const path = require('node:path');

const directory = path.join(__dirname, '..', 'test', 'fixtures', 'sse');

/** @param {string[]} [only] file names to keep (all when absent) */
function readFixtures(only) {
	return fs
		.readdirSync(directory)
		.filter((name) => name.endsWith('.txt') && (!only || only.includes(name)))
		.sort()
		.map((name) => fs.readFileSync(path.join(directory, name), 'utf8'));
}

module.exports = { readFixtures };
