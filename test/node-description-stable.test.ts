/**
 * What n8n sees of each node the package declares (its description: resources, operations,
 * fields, their order and defaults) stays what it was, so saved workflows and the editor are
 * unaffected by refactors of how the description is built. The fixtures are the descriptions as
 * JSON; a change to them is a change users see, made on purpose:
 * UPDATE_NODE_DESCRIPTIONS=1 npm test -- test/node-description-stable.test.ts rewrites them.
 */
import type { INodeType } from 'n8n-workflow';

import packageJson from '../package.json';
import {
	readNodeDescription,
	updating,
	writeNodeDescription,
} from './helpers/nodeDescriptionFixtures';

/** The package's node types, loaded from the files its package.json declares to n8n. */
const nodeTypes = packageJson.n8n.nodes.map((built) => {
	const source = built.replace(/^dist\//, '../').replace(/\.js$/, '');
	const className = source
		.split('/')
		.pop()!
		.replace(/\.node$/, '');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(source) as Record<string, new () => INodeType>;
	return { className, nodeType: new module[className]() };
});

/** The description as n8n receives it: plain JSON (functions and undefined values dropped). */
function asJson(nodeType: INodeType): unknown {
	return JSON.parse(JSON.stringify(nodeType.description));
}

describe('node descriptions stay the same', () => {
	it('covers the three action nodes and both triggers', () => {
		expect(nodeTypes.map(({ className }) => className).sort()).toEqual([
			'Midjourney',
			'MidjourneyLegacy',
			'MidjourneyOfficial',
			'MidjourneyOfficialTrigger',
			'MidjourneyTrigger',
		]);
	});

	it.each(nodeTypes)('$className describes itself as before', ({ className, nodeType }) => {
		if (updating) writeNodeDescription(className, asJson(nodeType));
		const stored: unknown = readNodeDescription(className);
		expect(stored).toBeDefined();
		expect(asJson(nodeType)).toEqual(stored);
	});
});
