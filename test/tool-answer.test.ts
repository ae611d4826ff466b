import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Midjourney } from '../nodes/Midjourney/Midjourney.node';
import { toolVariantOf } from '../tools/harness/runNode';
import { useSimulator } from './helpers/simulatorSession';
import { useV1Simulator } from '../packages/midjourney-v1-api/test/v1Session';
import { useV2Simulator } from './legacy/legacySession';

/**
 * The node run as an AI Agent's tool (runNode asTool: the `…Tool` variant n8n derives, whose
 * one output is ai_tool). The agent hands its model JSON.stringify of the items' json, so that
 * string is what is measured and searched here.
 */
const v3 = useSimulator();
const v1 = useV1Simulator({ jobDurationMs: 150 });
const v2 = useV2Simulator({ jobDurationMs: 150 });

const MAX_PER_JOB = 1500;
const answer = (items: INodeExecutionData[]) => JSON.stringify(items.map((item) => item.json));

function imagine(extra: IDataObject = {}): IDataObject {
	return { resource: 'job', operation: 'imagine', prompt: 'a red fox in snow --ar 16:9', ...extra };
}

/** Nothing a model must not see: the API's Discord fields, the request's routing, binary data. */
function expectNothingPrivate(items: INodeExecutionData[]) {
	const text = answer(items);
	for (const forbidden of [
		'signature=',
		'webhook-waiting',
		'replyRef',
		'replyUrl',
		'"components"',
		'custom_id',
		'"attachments"',
		'channel_id',
		'"request"',
		'"response"',
		'base64',
	]) {
		expect({ forbidden, found: text.includes(forbidden) }).toEqual({ forbidden, found: false });
	}
	expect(items.every((item) => item.binary === undefined)).toBe(true);
}

describe('MidjourneyV3 as an AI Agent tool', () => {
	it.each([
		['Stream', { waitMode: 'stream' }],
		['Poll', { waitMode: 'poll' }],
		['Poll, simplified', { waitMode: 'poll', simplify: true }],
		['Stream, Download Results → Grid (nothing downloaded for a model)', { download: 'grid' }],
	])('%s: one compact finished job, under 1.5 kB', async (_mode, extra) => {
		const result = await v3.run(imagine(extra), { asTool: true });

		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [json] = result.items.map((item) => item.json);
		expect(Object.keys(json).sort()).toEqual(
			['buttons', 'imageUrls', 'jobid', 'next', 'prompt', 'status'].sort(),
		);
		expect(json).toMatchObject({
			status: 'completed',
			prompt: 'a red fox in snow --ar 16:9',
			buttons: expect.arrayContaining(['U1', 'V1']),
		});
		expect(json.imageUrls).toHaveLength(4);
		expect(json.next).toMatch(/^Done: show the imageUrls to the user\./);
		expect(answer(result.items).length).toBeLessThanOrEqual(MAX_PER_JOB);
		expectNothingPrivate(result.items);
		expect(v3.jobPosts()).toHaveLength(1);
	});

	it("Don't Wait: the jobid, its status and what to do next", async () => {
		const result = await v3.run(imagine({ waitMode: 'none' }), { asTool: true });

		expect(result.items.map((item) => item.json)).toEqual([
			{
				jobid: v3.jobPosts()[0].jobid,
				status: 'created',
				prompt: 'a red fox in snow --ar 16:9',
				next: expect.stringMatching(/Get Job tool .* with this jobid in about a minute/),
			},
		]);
		expectNothingPrivate(result.items);
	});

	it('Job → Get as a tool reads the job back in the same compact shape', async () => {
		const created = await v3.run(imagine({ waitMode: 'poll' }));
		const jobId = created.items[0].json.jobid;
		const read = await v3.run({ resource: 'job', operation: 'get', jobId }, { asTool: true });

		expect(read.items[0].json).toMatchObject({ jobid: jobId, status: 'completed' });
		expect(read.items[0].json.imageUrls).toHaveLength(4);
		expect(answer(read.items).length).toBeLessThanOrEqual(MAX_PER_JOB);
		expectNothingPrivate(read.items);
	});

	it('One Item per Image: an entry per image (index, url), not copies of the job, nothing downloaded', async () => {
		const result = await v3.run(imagine({ waitMode: 'poll', download: 'split' }), {
			asTool: true,
		});

		const jobid = v3.jobPosts()[0].jobid;
		expect(result.items.map((item) => item.json)).toEqual(
			[1, 2, 3, 4].map((index) => ({
				jobid,
				index,
				kind: 'image',
				url: expect.stringMatching(/^http:\/\/.*\.png$/),
			})),
		);
		expect(answer(result.items).length).toBeLessThanOrEqual(MAX_PER_JOB);
		expect(v3.requests('GET', '/cdn')).toEqual([]);
		expectNothingPrivate(result.items);
	});

	it.each([
		['moderated', 'x [[moderated]]', /Rephrase the prompt/],
		['failed', 'x [[failed]]', /Nothing was charged/],
	])('a %s job is a compact answer with its error and what to do', async (status, prompt, next) => {
		const result = await v3.run(imagine({ prompt, waitMode: 'poll' }), { asTool: true });

		expect(result.error?.message).toBeUndefined();
		const [json] = result.items.map((item) => item.json);
		expect(json).toMatchObject({ status, error: expect.stringContaining(String(json.jobid)) });
		expect(json.next).toMatch(next);
		expect(json.imageUrls).toBeUndefined();
		expect(answer(result.items).length).toBeLessThanOrEqual(MAX_PER_JOB);
		expectNothingPrivate(result.items);
	});

	it('Pause Until Callback is refused before any request, in one sentence with the fix', async () => {
		const result = await v3.run(imagine({ waitMode: 'webhook' }), { asTool: true });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			"Pause Until Callback cannot be used when the node runs as an AI Agent tool: the agent needs the result in this turn. Set Wait for Completion to Poll, Stream (MidjourneyV3) or Don't Wait (then read the job later with Get). Nothing was sent.",
		);
		expect(v3.sim.log.filter((record) => record.method === 'POST')).toEqual([]);
	});

	it('an invalid flag is refused before any request; the message alone says how to fix it', async () => {
		const result = await v3.run(imagine({ prompt: 'a fox --ar 16-9', waitMode: 'poll' }), {
			asTool: true,
		});

		// the agent hands its model the error's message only
		expect(result.error?.message).toMatch(
			/^Prompt parameter --ar .*Nothing was sent\. Fix the prompt/,
		);
		expect(v3.jobPosts()).toEqual([]);
	});

	it('the plain node keeps its full output (the Tool variant alone is compact)', async () => {
		const result = await v3.run(imagine({ waitMode: 'poll' }));

		expect(result.items[0].json).toHaveProperty('response.components');
		expect(result.items[0].json).toHaveProperty('request.replyRef');
	});

	it('a run whose outputs cannot be read is the plain node (the fallback)', async () => {
		const plain = new Midjourney() as INodeType;
		const tool = toolVariantOf(plain);
		// n8n reads the outputs from the description: one that throws stands for a context that cannot say
		const broken = Object.create(tool, {
			description: {
				value: Object.create(tool.description, {
					outputs: { value: '={{ (() => { throw new Error("no outputs") })() }}' },
				}),
			},
		}) as INodeType;
		const result = await v3.run(imagine({ waitMode: 'poll' }), { nodeType: broken });

		expect(result.error?.message).toBeUndefined();
		expect(result.items[0].json).toHaveProperty('response.components');
	});
});

describe.each([
	['Midjourney /v1 API (/v1)', v1],
	['Midjourney v2 (Legacy)', v2],
])('%s as an AI Agent tool', (_name, session) => {
	it.each([
		['Poll', { waitMode: 'poll' }],
		['One Item per Image', { waitMode: 'poll', download: 'split' }],
		["Don't Wait", { waitMode: 'none' }],
	])('%s: compact, under 1.5 kB per job, nothing private', async (_mode, extra) => {
		const result = await (session as typeof v1).run(imagine(extra), { asTool: true });

		expect(result.error?.message).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) expect(item.json.jobid).toEqual(expect.any(String));
		const jobs = new Set(result.items.map((item) => item.json.jobid)).size;
		expect(answer(result.items).length).toBeLessThanOrEqual(MAX_PER_JOB * jobs);
		expectNothingPrivate(result.items);
		if (extra.waitMode === 'none') expect(result.items[0].json.next).toMatch(/Get Job tool/);
	});

	it('Pause Until Callback is refused before any request', async () => {
		const result = await (session as typeof v1).run(imagine({ waitMode: 'webhook' }), {
			asTool: true,
		});
		expect(result.error?.message).toMatch(/^Pause Until Callback cannot be used/);
		expect((session as typeof v1).sim.log.filter((record) => record.method === 'POST')).toEqual([]);
	});
});
