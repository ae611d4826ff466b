'use strict';
/**
 * The node descriptions test/node-description-stable.test.ts compares against, as JSON files in
 * test/fixtures/node-descriptions (plain JavaScript: node:fs is off limits to the package's
 * TypeScript). UPDATE_NODE_DESCRIPTIONS=1 rewrites them from the nodes as they are.
 */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const FIXTURES = join(__dirname, '..', 'fixtures', 'node-descriptions');

/** Whether this run rewrites the fixtures instead of only comparing. */
const updating = process.env.UPDATE_NODE_DESCRIPTIONS === '1';

/** The stored description of a node class, or undefined when it has none. */
function readNodeDescription(className) {
	const file = join(FIXTURES, `${className}.json`);
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function writeNodeDescription(className, description) {
	writeFileSync(
		join(FIXTURES, `${className}.json`),
		`${JSON.stringify(description, null, '\t')}\n`,
	);
}

module.exports = { updating, readNodeDescription, writeNodeDescription };
