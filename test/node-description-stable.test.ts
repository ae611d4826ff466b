/**
 * What n8n sees of each node the package declares (its description: resources, operations,
 * fields, their order and defaults) stays what it was, so saved workflows and the editor are
 * unaffected by refactors of how the description is built. The fixtures are the descriptions as
 * JSON; a change to them is a change users see, made on purpose:
 * UPDATE_NODE_DESCRIPTIONS=1 npm test -- test/node-description-stable.test.ts rewrites them.
 */
import type { INodeType } from 'n8n-workflow';

import { declaredNodeTypes } from './helpers/declaredNodeTypes';
import {
	readNodeDescription,
	updating,
	writeNodeDescription,
} from './helpers/nodeDescriptionFixtures';

const nodeTypes = declaredNodeTypes();

/** The description as n8n receives it: plain JSON (functions and undefined values dropped). */
function asJson(nodeType: INodeType): unknown {
	return JSON.parse(JSON.stringify(nodeType.description));
}

describe('node descriptions stay the same', () => {
	it('covers every action node and trigger of every package', () => {
		expect(nodeTypes.map(({ className }) => className).sort()).toEqual([
			'Midjourney',
			'MidjourneyLegacy',
			'MidjourneyLegnext',
			'MidjourneyLegnextTrigger',
			'MidjourneyTrigger',
			'MidjourneyV1Api',
			'MidjourneyV1ApiTrigger',
		]);
	});

	it.each(nodeTypes)('$className describes itself as before', ({ className, nodeType }) => {
		if (updating) writeNodeDescription(className, asJson(nodeType));
		const stored: unknown = readNodeDescription(className);
		expect(stored).toBeDefined();
		expect(asJson(nodeType)).toEqual(stored);
	});
});
