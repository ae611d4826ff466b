/**
 * A field that expects text or a number and gets something else from its expression (an object,
 * a list, a boolean, NaN, text where a number belongs) fails the item before any request,
 * naming the field as the UI does and saying what to pass. Before, `={{ {a:1} }}` as the Prompt
 * submitted a paid job for "[object Object]".
 */
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';

import type { NodeName, RunNodeResult } from '../tools/harness/runNode';
import { runNode } from '../tools/harness/runNode';
import { Midjourney } from '../nodes/Midjourney/Midjourney.node';
import { MidjourneyLegacy } from '../nodes/Midjourney/MidjourneyLegacy.node';
import { MidjourneyLegnext } from '../packages/midjourney-legnext/nodes/MidjourneyLegnext/MidjourneyLegnext.node';
import { MidjourneyV1Api } from '../packages/midjourney-v1-api/nodes/MidjourneyV1Api/MidjourneyV1Api.node';
import { parameterLeaves } from './helpers/parameterLeaves';
import { TOKEN, useSimulator } from './helpers/simulatorSession';
import { useV1Simulator, V1_TOKEN } from '../packages/midjourney-v1-api/test/v1Session';
import { useV2Simulator, V2_TOKEN } from './legacy/legacySession';
import {
	LEGNEXT_KEY,
	useLegnextSimulator,
} from '../packages/midjourney-legnext/test/legnextSession';

const v3 = useSimulator();
const v1 = useV1Simulator();
const v2 = useV2Simulator();
const legnext = useLegnextSimulator();

const NODES: Record<
	NodeName,
	{ description: INodeTypeDescription; token: string; sim: () => { url: string; log: unknown[] } }
> = {
	midjourney: { description: new Midjourney().description, token: TOKEN, sim: () => v3.sim },
	midjourneyV1Api: {
		description: new MidjourneyV1Api().description,
		token: V1_TOKEN,
		sim: () => v1.sim,
	},
	midjourneyLegacy: {
		description: new MidjourneyLegacy().description,
		token: V2_TOKEN,
		sim: () => v2.sim,
	},
	midjourneyLegnext: {
		description: new MidjourneyLegnext().description,
		token: LEGNEXT_KEY,
		sim: () => legnext.sim,
	},
};

async function run(node: NodeName, parameters: IDataObject): Promise<RunNodeResult> {
	const { token, sim } = NODES[node];
	return await runNode({
		node,
		parameters: { resource: 'job', ...parameters },
		credentials: { apiToken: token, baseUrl: sim().url },
	});
}

const OBJECT = '={{ {a:1} }}';
const LIST = '={{ [1,2] }}';

/** The refusal: the field by its display name, the item, what it got, what to pass; nothing sent. */
function expectRefused(node: NodeName, result: RunNodeResult, field: string, got: RegExp) {
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toContain(`${field} [item 0] must be`);
	expect(result.error?.message).toMatch(got);
	expect(result.error?.description).toMatch(/Make its expression return/);
	expect(NODES[node].sim().log).toEqual([]);
}

describe('a text field whose expression gives something else fails before any request', () => {
	it.each([
		['midjourney', { operation: 'imagine' }],
		['midjourneyV1Api', { operation: 'imagine' }],
		['midjourneyLegacy', { operation: 'imagine' }],
	] as Array<[NodeName, IDataObject]>)('%s: Prompt as an object or a list', async (node, base) => {
		const asObject = await run(node, { ...base, prompt: OBJECT });
		expectRefused(node, asObject, 'Prompt', /an object \(\{"a":1\}\)/);
		const asList = await run(node, { ...base, prompt: LIST });
		expectRefused(node, asList, 'Prompt', /a list \(\[1,2\]\)/);
	});

	it('MidjourneyV3: a boolean as the Prompt, and an object in Options → Reply Reference', async () => {
		expectRefused(
			'midjourney',
			await run('midjourney', { operation: 'imagine', prompt: '={{ true }}' }),
			'Prompt',
			/the boolean true/,
		);
		const result = await run('midjourney', {
			operation: 'imagine',
			prompt: 'a cat',
			options: { replyRef: OBJECT },
		});
		expectRefused('midjourney', result, 'Options → Reply Reference', /an object/);
	});
});

describe('a number field whose expression gives something else fails before any request', () => {
	it.each([
		['midjourney', 'Options → Timeout (Seconds)', { options: { timeout: OBJECT } }],
		['midjourneyV1Api', 'Parameters → Stylize', { parameters: { stylize: '={{ "abc" }}' } }],
		['midjourneyLegacy', 'Options → Max Jobs', { options: { maxJobs: '={{ NaN }}' } }],
	] as Array<[NodeName, string, IDataObject]>)('%s: %s', async (node, field, parameters) => {
		const result = await run(node, { operation: 'imagine', prompt: 'a cat', ...parameters });
		expectRefused(node, result, field, /an object|the text "abc"|NaN/);
	});

	it('a numeric string is a number, as before', async () => {
		const result = await run('midjourneyV1Api', {
			operation: 'imagine',
			prompt: 'a cat [[ms=50]]',
			parameters: { stylize: '={{ "250" }}' },
		});
		expect(result.error).toBeUndefined();
		expect(v1.jobPosts()[0].body?.stylize).toBe(250);
	});
});

describe('every text, number and list field of every operation of every node', () => {
	it.each(Object.keys(NODES) as NodeName[])(
		'%s: an object in any field is refused by name, with no request',
		async (node) => {
			const leaves = parameterLeaves(NODES[node].description, OBJECT);
			expect(leaves.length).toBeGreaterThan(20);
			const wrong: string[] = [];
			for (const leaf of leaves) {
				const log = NODES[node].sim().log;
				const before = log.length;
				const result = await run(node, {
					resource: leaf.resource,
					operation: leaf.operation,
					...leaf.parameters,
				});
				const field = `${leaf.path.join(' → ')} [item 0] must be`;
				const where = `${leaf.resource} → ${leaf.operation}: ${leaf.path.join(' → ')}`;
				if (!result.error?.message.includes(field))
					wrong.push(`${where}: ${result.error?.message ?? 'no error'}`);
				else if (log.length !== before) wrong.push(`${where}: ${log.length - before} request(s)`);
			}
			expect(wrong).toEqual([]);
		},
	);
});
