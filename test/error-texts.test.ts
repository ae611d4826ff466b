/**
 * One message per cause, in the words of the UI: no sentence of an error appears twice in its
 * message and description, and no internal parameter name (aspect_ratio, maxConcurrentJobs,
 * options.timeout) appears where the panel shows a display name.
 */
import type { IDataObject, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import type { NodeName, RunNodeResult } from '../tools/harness/runNode';
import { runNode } from '../tools/harness/runNode';
import { Midjourney } from '../nodes/Midjourney/Midjourney.node';
import { MidjourneyLegacy } from '../nodes/Midjourney/MidjourneyLegacy.node';
import { MidjourneyLegnext } from '../packages/midjourney-legnext/nodes/MidjourneyLegnext/MidjourneyLegnext.node';
import { MidjourneyV1Api } from '../packages/midjourney-v1-api/nodes/MidjourneyV1Api/MidjourneyV1Api.node';
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

const SESSIONS: Record<NodeName, { token: string; sim: () => { url: string } }> = {
	midjourney: { token: TOKEN, sim: () => v3.sim },
	midjourneyV1Api: { token: V1_TOKEN, sim: () => v1.sim },
	midjourneyLegacy: { token: V2_TOKEN, sim: () => v2.sim },
	midjourneyLegnext: { token: LEGNEXT_KEY, sim: () => legnext.sim },
};

async function run(node: NodeName, parameters: IDataObject, token?: string) {
	const { sim } = SESSIONS[node];
	return await runNode({
		node,
		parameters: { resource: 'job', waitMode: 'poll', ...parameters },
		credentials: { apiToken: token ?? SESSIONS[node].token, baseUrl: sim().url },
	});
}

const RUN_OF_WORDS = 7;

/**
 * What an error says twice: every run of seven words that occurs more than once in its message
 * and description together (a sentence repeated, even with a word changed around it).
 */
function repeatedSentences(result: RunNodeResult): string[] {
	const text = `${result.error?.message ?? ''}\n${result.error?.description ?? ''}`;
	const words = text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
	const seenAt = new Map<string, number>();
	const repeated = new Set<string>();
	for (let start = 0; start + RUN_OF_WORDS <= words.length; start++) {
		const run = words.slice(start, start + RUN_OF_WORDS).join(' ');
		const first = seenAt.get(run);
		if (first === undefined) seenAt.set(run, start);
		else if (start - first >= RUN_OF_WORDS) repeated.add(run);
	}
	return [...repeated];
}

/** The internal names of the nodes' fields that the panel shows under another name. */
function internalNames(description: INodeTypeDescription): string[] {
	const names = new Set<string>();
	const visit = (properties: INodeProperties[]) => {
		for (const property of properties) {
			const internal = /[_A-Z]/.test(property.name) && property.name !== property.displayName;
			if (internal) names.add(property.name);
			const nested = (property.options ?? []) as Array<
				INodeProperties & { values?: INodeProperties[] }
			>;
			visit(nested.filter((option) => 'type' in option));
			for (const group of nested) if (group.values) visit(group.values);
		}
	};
	visit(description.properties);
	return [...names];
}

const INTERNAL = [
	...new Set([
		...internalNames(new Midjourney().description),
		...internalNames(new MidjourneyV1Api().description),
		...internalNames(new MidjourneyLegacy().description),
		...internalNames(new MidjourneyLegnext().description),
	]),
];

function internalNamesIn(result: RunNodeResult): string[] {
	const text = `${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
	const named = INTERNAL.filter((name) => new RegExp(`(^|[^\\w.])${name}\\b`).test(text));
	const paths = text.match(/\b(options|parameters|promptParameters)\.\w+/g) ?? [];
	return [...named, ...paths];
}

describe('the duplicates the issue reported', () => {
	it('a glued prompt flag (--ar16:9) is said once', async () => {
		const result = await run('midjourney', { operation: 'imagine', prompt: 'a cat --ar16:9' });
		expect(result.error?.message).toMatch(/--ar16:9/);
		expect(repeatedSentences(result)).toEqual([]);
	});

	it('a /v1 submit whose answer is lost says "never paid for twice" once', async () => {
		v1.sim.setFaults({ submitErrors: [502] });
		const result = await run('midjourneyV1Api', { operation: 'imagine', prompt: 'a cat' });
		expect(result.error?.description?.match(/never paid for twice/g)).toHaveLength(1);
		expect(repeatedSentences(result)).toEqual([]);
	});

	it('a 404 whose own message starts with "Not found" says it once', async () => {
		// MidjourneyV3 pointed at the v2 API: the v2 simulator has no /v3 route.
		const result = await runNode({
			node: 'midjourney',
			parameters: { resource: 'job', waitMode: 'poll', ...imagine('a cat') },
			credentials: { apiToken: V2_TOKEN, baseUrl: v2.sim.url },
		});
		expect(result.error?.message).toBe('Not found: POST /v3/midjourney/jobs/imagine');
	});

	it('/v1 Parameters are named as the panel names them', async () => {
		const result = await run('midjourneyV1Api', {
			operation: 'imagine',
			prompt: 'a cat',
			parameters: { aspect_ratio: '16/9' },
		});
		expect(result.error?.message).toMatch(/^Parameters → Aspect Ratio must be/);
		expect(internalNamesIn(result)).toEqual([]);
	});
});

type Case = [string, NodeName, IDataObject, { arrange?: () => void; token?: string }];

const imagine = (prompt: string, extra: IDataObject = {}) => ({
	operation: 'imagine',
	prompt,
	...extra,
});

const CASES: Case[] = [
	['v3 two bad flags', 'midjourney', imagine('a cat --s 5000 --ar16:9'), {}],
	['v3 a flag twice', 'midjourney', imagine('a cat --ar 1:1 --ar 2:3'), {}],
	[
		'v3 field against flag',
		'midjourney',
		imagine('a cat --ar 1:1', { promptParameters: { aspectRatio: '2:3' } }),
		{},
	],
	[
		'v3 lost submit',
		'midjourney',
		imagine('a cat'),
		{ arrange: () => v3.sim.setFaults({ submitErrors: [502] }) },
	],
	[
		'v3 503 until the Timeout',
		'midjourney',
		imagine('a cat', { options: { timeout: 1 } }),
		{ arrange: () => v3.sim.setFaults({ submitErrorRate: { status: 503, rate: 1, seed: 1 } }) },
	],
	['v3 moderated', 'midjourney', imagine('a cat [[reject]]'), {}],
	['v3 channel locked', 'midjourney', imagine('a cat [[596]]'), {}],
	[
		'v3 unknown job',
		'midjourney',
		{ operation: 'get', jobId: 'j1206211900123456789i-u12345-c1234567890123456789-bot:midjourney' },
		{},
	],
	['v3 bad token', 'midjourney', imagine('a cat'), { token: 'wrong-token' }],
	['v1 bad flag', 'midjourneyV1Api', imagine('a cat --ar16:9'), {}],
	['v1 bad Stylize', 'midjourneyV1Api', imagine('a cat', { parameters: { stylize: 5000 } }), {}],
	[
		'v1 lost submit',
		'midjourneyV1Api',
		imagine('a cat'),
		{ arrange: () => v1.sim.setFaults({ submitErrors: [502] }) },
	],
	['v1 blocked prompt', 'midjourneyV1Api', imagine('a cat [[blocked]]'), {}],
	['v1 bad key', 'midjourneyV1Api', imagine('a cat'), { token: 'wrong-key' }],
	['v2 bad flag', 'midjourneyLegacy', imagine('a cat --ar16:9'), {}],
	['v2 moderated', 'midjourneyLegacy', imagine('a cat [[reject]]'), {}],
	['v2 channel locked', 'midjourneyLegacy', imagine('a cat [[596]]'), {}],
	['v2 bad token', 'midjourneyLegacy', imagine('a cat'), { token: 'wrong-token' }],
];

describe('every error path that can be driven says each thing once, in the words of the UI', () => {
	it.each(CASES)('%s', async (_name, node, parameters, { arrange, token }) => {
		arrange?.();
		const result = await run(node, parameters, token);
		expect(result.error?.message).toBeTruthy();
		expect(repeatedSentences(result)).toEqual([]);
		expect(internalNamesIn(result)).toEqual([]);
	});
});
