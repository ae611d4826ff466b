'use strict';
/**
 * The node types every package of the repo declares to n8n (plain JavaScript: node:fs is off
 * limits to the package's TypeScript).
 */
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const repo = join(__dirname, '..', '..');

/** The repo's packages: this one (the root) and each folder under packages/. */
const packageDirs = [repo, ...readdirSync(join(repo, 'packages')).map((name) => join(repo, 'packages', name))];

/**
 * Every package's node types, loaded from the source of the files its package.json declares.
 * @returns {Array<{ className: string, nodeType: import('n8n-workflow').INodeType }>}
 */
function declaredNodeTypes() {
	return packageDirs.flatMap((packageDir) => {
		const { n8n } = require(join(packageDir, 'package.json'));
		return n8n.nodes.map((built) => {
			const source = join(packageDir, built.replace(/^dist\//, '').replace(/\.js$/, ''));
			const className = source.split('/').pop().replace(/\.node$/, '');
			return { className, nodeType: new (require(source)[className])() };
		});
	});
}

module.exports = { packageDirs, declaredNodeTypes };
