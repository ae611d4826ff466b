/**
 * Every node type the repo's packages declare, and the `…Tool` variant n8n derives from each node an AI
 * Agent can use, talks to its own API with its own credential. The API is a value each node is
 * built with: a node type n8n names differently (midjourneyV1ApiTool) must not change it.
 */
import type { IDataObject } from 'n8n-workflow';

import { TriggerHarness } from '../tools/harness/runTrigger';
import type { NodeName } from '../tools/harness/runNode';
import { runNode } from '../tools/harness/runNode';
import { declaredNodeTypes } from './helpers/declaredNodeTypes';
import { eventually } from './helpers/simulatorSession';
// The simulators are plain JavaScript so they can also run standalone.
import { startSimulator } from '../tools/simulator';
import { startV1Simulator } from '../tools/simulator-v1';
import { startV2Simulator } from '../tools/simulator-v2';
import { startLegnextSimulator } from '../tools/simulator-legnext';

interface AnySimulator {
	url: string;
	log: Array<{ method: string; path: string }>;
	callbacks: Array<{ jobid?: string; jobId?: string; jobStatus: string; body: IDataObject }>;
	reset(): void;
	close(): Promise<void>;
}

type ApiName = 'useapiV3' | 'midjourneyV1' | 'useapiV2' | 'legnext';

const TOKENS: Record<ApiName, string> = {
	useapiV3: ['bind', 'v3', 'a1'].join('-'),
	midjourneyV1: ['bind', 'v1', 'b2'].join('-'),
	useapiV2: ['bind', 'v2', 'c3'].join('-'),
	legnext: ['bind', 'lx', 'd4'].join('-'),
};

/**
 * What each declared node type must talk to; a node type missing here fails the test. Imagine is
 * Job → Imagine, except where the node's resource for it is named otherwise.
 */
const EXPECTED: Record<string, { api: ApiName; submitPath: string; resource?: string }> = {
	midjourney: { api: 'useapiV3', submitPath: '/v3/midjourney/jobs/imagine' },
	midjourneyV1Api: { api: 'midjourneyV1', submitPath: '/v1/imagine' },
	midjourneyLegacy: { api: 'useapiV2', submitPath: '/v2/jobs/imagine' },
	midjourneyTrigger: { api: 'useapiV3', submitPath: '/v3/midjourney/jobs/imagine' },
	midjourneyV1ApiTrigger: { api: 'midjourneyV1', submitPath: '/v1/imagine' },
	midjourneyLegnext: { api: 'legnext', submitPath: '/api/v1/diffusion', resource: 'image' },
	midjourneyLegnextTrigger: { api: 'legnext', submitPath: '/api/v1/diffusion', resource: 'image' },
};

const sims = {} as Record<ApiName, AnySimulator>;

beforeAll(async () => {
	const options = (api: ApiName) => ({ port: 0, token: TOKENS[api], jobDurationMs: 100 });
	sims.useapiV3 = (await startSimulator(options('useapiV3'))) as AnySimulator;
	sims.midjourneyV1 = (await startV1Simulator(options('midjourneyV1'))) as AnySimulator;
	sims.useapiV2 = (await startV2Simulator(options('useapiV2'))) as AnySimulator;
	sims.legnext = (await startLegnextSimulator({
		key: TOKENS.legnext,
		jobDurationMs: 100,
	})) as unknown as AnySimulator;
});
beforeEach(() => Object.values(sims).forEach((sim) => sim.reset()));
afterAll(async () => await Promise.all(Object.values(sims).map(async (sim) => await sim.close())));

const nodeTypes = declaredNodeTypes().map(({ nodeType }) => nodeType);
const actionNodes = nodeTypes.filter((type) => !type.description.group.includes('trigger'));
const triggers = nodeTypes.filter((type) => type.description.group.includes('trigger'));

function requestsTo(api: ApiName): Array<{ method: string; path: string }> {
	return sims[api].log.filter((record) => !record.path.startsWith('/cdn'));
}

function expectOnlyTalkedTo(api: ApiName) {
	for (const other of Object.keys(sims) as ApiName[]) {
		if (other !== api) expect(requestsTo(other)).toEqual([]);
	}
}

describe('each node type talks to its own API', () => {
	it('the packages declare the node types this test knows', () => {
		expect(nodeTypes.map((type) => type.description.name).sort()).toEqual(
			Object.keys(EXPECTED).sort(),
		);
		expect(actionNodes.every((type) => type.description.usableAsTool)).toBe(true);
	});

	const variants = actionNodes.flatMap((type) => [
		{ type, asTool: false, label: type.description.name },
		{ type, asTool: true, label: `${type.description.name}Tool` },
	]);

	it.each(variants)('$label: imagine is submitted and read at its own API', async (variant) => {
		const name = variant.type.description.name;
		const { api, submitPath, resource = 'job' } = EXPECTED[name];
		const result = await runNode({
			node: name as NodeName,
			nodeType: variant.type,
			asTool: variant.asTool,
			parameters: { resource, operation: 'imagine', prompt: 'a lighthouse', waitMode: 'poll' },
			credentials: { apiToken: TOKENS[api], baseUrl: sims[api].url },
		});

		expect(result.error?.message).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'completed' });
		const posts = requestsTo(api).filter((record) => record.method === 'POST');
		expect(posts.map((record) => record.path)).toEqual([submitPath]);
		expect(requestsTo(api).some((record) => record.method === 'GET')).toBe(true);
		expectOnlyTalkedTo(api);
	});

	it.each(triggers.map((type) => ({ type, label: type.description.name })))(
		'$label: a callback is verified by reading the job at its own API',
		async ({ type }) => {
			const name = type.description.name;
			const { api } = EXPECTED[name];
			const body = await finalCallbackOf(name, api);
			sims[api].log.length = 0;

			const harness = new TriggerHarness({
				trigger: name as
					| 'midjourneyTrigger'
					| 'midjourneyV1ApiTrigger'
					| 'midjourneyLegnextTrigger',
				parameters: { events: ['completed'] },
				credentials: { apiToken: TOKENS[api], baseUrl: sims[api].url },
			});
			expect(await harness.hook('create')).toBe(true);
			const answer = await harness.postJson(body);

			expect(answer.body).toEqual({ status: 'started', event: 'completed' });
			expect(answer.started).toBe(true);
			expect(requestsTo(api).filter((record) => record.method === 'GET').length).toBe(1);
			expectOnlyTalkedTo(api);
		},
	);
});

/** Submits with Don't Wait and the simulator itself as callback receiver; the final callback's body. */
async function finalCallbackOf(triggerName: string, api: ApiName): Promise<IDataObject> {
	const sim = sims[api];
	const submitted = await runNode({
		node: triggerName.replace(/Trigger$/, '') as NodeName,
		parameters: {
			resource: EXPECTED[triggerName].resource ?? 'job',
			operation: 'imagine',
			prompt: 'a mill',
			waitMode: 'none',
			options: { replyUrl: `${sim.url}/sink/callback`, replyLevel: 'minimal' },
		},
		credentials: { apiToken: TOKENS[api], baseUrl: sim.url },
	});
	const jobid = String(submitted.items[0].json.jobid);
	const final = () =>
		sim.callbacks.find(
			(callback) =>
				(callback.jobid ?? callback.jobId) === jobid && callback.jobStatus === 'completed',
		);
	await eventually(() => final() !== undefined);
	return final()!.body;
}
