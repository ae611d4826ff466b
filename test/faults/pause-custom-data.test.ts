/**
 * n8n keeps at most 10 custom data keys per execution and silently drops any key beyond them.
 * Pause Until Callback shares them with upstream nodes (a Code node's $execution.customData.set)
 * and with other pausing nodes of the workflow: it uses only the keys its batch needs, checks the
 * free ones before any submit, and leaves the others' keys alone.
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { RunNodeResult } from '../../tools/harness/runNode';
import { CHANNEL, eventually, useSimulator } from '../helpers/simulatorSession';

const WIDE = 100;
const session = useSimulator({
	jobDurationMs: 40,
	channels: [{ channel: CHANNEL, maxJobs: WIDE, maxImageJobs: WIDE, maxVideoJobs: 3 }],
});

const pause = {
	resource: 'job',
	operation: 'imagine',
	prompt: '={{ $json.prompt }}',
	waitMode: 'webhook',
	options: { maxConcurrentJobs: WIDE },
};
const prompts = (label: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({ prompt: `${label} ${i} [[ms=4000]]` }));

/** Custom data a Code node set before the Pause node: `count` keys. */
const upstreamKeys = (count: number) =>
	Object.fromEntries(Array.from({ length: count }, (_, k) => [`upstream_${k}`, `kept ${k}`]));

async function runPause(
	label: string,
	count: number,
	customData: Record<string, string>,
	nodeId?: string,
) {
	const before = session.jobPosts().length;
	const run = await session.run(pause, { items: prompts(label, count), customData, nodeId });
	const jobIds = session
		.jobPosts()
		.slice(before)
		.map((post) => post.jobid as string);
	return { run, jobIds };
}

/** Delivers the batch's callbacks in the order they came, until one resumes the execution. */
async function resumeWithCallbacks(
	paused: RunNodeResult,
	jobIds: string[],
): Promise<IDataObject[]> {
	const callbackOf = (jobid: string) => session.sim.callbacks.find((c) => c.body.jobid === jobid);
	await eventually(() => jobIds.every((id) => callbackOf(id) !== undefined), 20_000);
	let resumed: IWebhookResponseData = {};
	for (const callback of session.sim.callbacks.filter((c) =>
		jobIds.includes(c.body.jobid as string),
	)) {
		resumed = await paused.resume(callback.body);
		if (resumed.workflowData) break;
	}
	return (resumed.workflowData?.[0] ?? []).map((item) => item.json);
}

describe('Pause Until Callback shares the 10 custom data keys of an execution', () => {
	it('a Code node set 9 keys, then 2 items: the one free key holds them; pauses, resumes, keys kept', async () => {
		const { run, jobIds } = await runPause('nine keys', 2, upstreamKeys(9));
		expect({ status: run.status, error: run.error?.message }).toEqual({
			status: 'waiting',
			error: undefined,
		});
		const customData = run.run.data.resultData.metadata ?? {};
		expect(Object.keys(customData)).toHaveLength(10);
		expect(customData).toMatchObject(upstreamKeys(9));
		const items = await resumeWithCallbacks(run, jobIds);
		expect(items.map((json) => [json.jobid, json.status])).toEqual(
			jobIds.map((id) => [id, 'completed']),
		);
	});

	it('a Code node set 5 keys, then 45 items: refused before any submit, saying how many fit', async () => {
		const { run } = await runPause('five keys', 45, upstreamKeys(5));
		expect(run.status).toBe('error');
		expect(session.jobPosts()).toHaveLength(0);
		expect(run.error?.message).toMatch(/at most 41 items/);
		expect(run.error?.description).toMatch(
			/5 of n8n's 10 custom data keys are used by other nodes/,
		);
		expect(run.error?.description).toMatch(/Loop Over Items/);
	});

	it('all 10 keys taken upstream: refused before any submit', async () => {
		const { run } = await runPause('no room', 1, upstreamKeys(10));
		expect(run.status).toBe('error');
		expect(session.jobPosts()).toHaveLength(0);
		expect(run.error?.message).toMatch(/at most 0 items/);
	});

	it('two pausing nodes × 20 items in one execution: neither clobbers the other, both resume with every job', async () => {
		const first = await runPause('pause a', 20, {}, 'pause-node-a');
		expect({ status: first.run.status, error: first.run.error?.message }).toEqual({
			status: 'waiting',
			error: undefined,
		});
		const afterFirst = { ...first.run.run.data.resultData.metadata };
		// The second node runs in the same execution: it finds the first node's keys.
		const second = await runPause('pause b', 20, afterFirst, 'pause-node-b');
		expect({ status: second.run.status, error: second.run.error?.message }).toEqual({
			status: 'waiting',
			error: undefined,
		});
		const both = second.run.run.data.resultData.metadata ?? {};
		expect(Object.keys(both).length).toBeLessThanOrEqual(10);
		expect(both).toMatchObject(afterFirst);

		const firstItems = await resumeWithCallbacks(first.run, first.jobIds);
		expect(firstItems.map((json) => json.jobid)).toEqual(first.jobIds);
		const secondItems = await resumeWithCallbacks(second.run, second.jobIds);
		expect(secondItems.map((json) => json.jobid)).toEqual(second.jobIds);
		expect(session.jobPosts()).toHaveLength(40);
	});
});
