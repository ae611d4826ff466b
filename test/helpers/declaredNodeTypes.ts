import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

const repo = join(__dirname, '..', '..');

/** The repo's packages: this one (the root) and each folder under packages/. */
export const packageDirs = [
	repo,
	...readdirSync(join(repo, 'packages')).map((name) => join(repo, 'packages', name)),
];

/** Every package's node types, loaded from the source of the files its package.json declares to n8n. */
export function declaredNodeTypes(): Array<{ className: string; nodeType: INodeType }> {
	return packageDirs.flatMap((packageDir) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { n8n } = require(join(packageDir, 'package.json')) as { n8n: { nodes: string[] } };
		return n8n.nodes.map((built) => {
			const source = join(packageDir, built.replace(/^dist\//, '').replace(/\.js$/, ''));
			const className = source.split('/').pop()!.replace(/\.node$/, '');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(source) as Record<string, new () => INodeType>;
			return { className, nodeType: new module[className]() };
		});
	});
}
