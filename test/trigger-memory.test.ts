/**
 * The Trigger starts one execution per job event, also for a callback replayed much later and
 * after n8n restarted: what it handled is kept in the workflow's static data (saved by n8n in
 * its database), not only in the memory of the n8n process.
 */
import type { IDataObject } from 'n8n-workflow';

import { useapiJobIds } from '../nodes/Midjourney/apis/useapiJobIds';
import {
	rememberHandled,
	REMEMBER_DAYS,
	REMEMBERED_JOBS,
	stageOf,
} from '../nodes/Midjourney/trigger/deliveryLog';
import type { TriggerHarness as Harness } from '../tools/harness/runTrigger';
import { TriggerHarness } from '../tools/harness/runTrigger';

const CHANNEL = '1234567890123456789';
const jobid = (n: number) =>
	`j1206${String(n).padStart(14, '0')}i-u12345-c${CHANNEL}-bot:midjourney`;

/**
 * The same workflow in a restarted n8n: the node's modules loaded afresh (nothing this process
 * held survives), the static data as the database kept it.
 */
async function afterRestart(before: Harness): Promise<Harness> {
	let Fresh: typeof TriggerHarness | undefined;
	await jest.isolateModulesAsync(async () => {
		Fresh = (await import('../tools/harness/runTrigger')).TriggerHarness;
	});
	expect(Fresh).not.toBe(TriggerHarness);
	return new Fresh!({
		parameters: before.node.parameters,
		workflowId: before.workflowId,
		savedStaticData: before.savedStaticData,
	});
}

async function deliver(harness: Harness, n: number, status = 'completed', extra: IDataObject = {}) {
	return (await harness.postJson({ jobid: jobid(n), status, ...extra })).started;
}

describe('MidjourneyV3 Trigger: once per event, across a restart', () => {
	it('211 jobs called back, n8n restarted: a replay of the first job starts nothing', async () => {
		const harness = new TriggerHarness({ parameters: { verifyWithApi: false } });
		const started: boolean[] = [];
		for (let n = 0; n < 211; n++) started.push(await deliver(harness, n));
		expect(started.every(Boolean)).toBe(true);

		const restarted = await afterRestart(harness);
		expect(await deliver(restarted, 0)).toBe(false);
		expect(await deliver(restarted, 210)).toBe(false);
		// A job's final status comes once: another final status for it is a replay too.
		expect(await deliver(restarted, 0, 'failed')).toBe(false);
		// A new job still starts.
		expect(await deliver(restarted, 211)).toBe(true);
	});

	it("a job's status only moves forward: an earlier status replayed after a later one starts nothing", async () => {
		const harness = new TriggerHarness({
			parameters: { verifyWithApi: false, events: ['started', 'progress', 'completed'] },
		});
		const progress = (percent: number) => ({ response: { progress_percent: percent } });
		expect(await deliver(harness, 1, 'started')).toBe(true);
		expect(await deliver(harness, 1, 'progress', progress(50))).toBe(true);
		expect(await deliver(harness, 1, 'progress', progress(90))).toBe(true);
		const restarted = await afterRestart(harness);
		expect(await deliver(restarted, 1, 'progress', progress(50))).toBe(false);
		expect(await deliver(restarted, 1, 'started')).toBe(false);
		expect(await deliver(restarted, 1, 'completed')).toBe(true);
		expect(await deliver(restarted, 1, 'progress', progress(95))).toBe(false);
	});
});

describe('MidjourneyV3 Trigger: how much it remembers', () => {
	const memoryOf = (harness: Harness) =>
		(harness.savedStaticData['node:MidjourneyV3 Trigger'] as IDataObject)
			.handledJobs as IDataObject;

	afterEach(() => jest.useRealTimers());

	it(`remembers the ${REMEMBERED_JOBS} jobs handled last, no more`, async () => {
		// The database already holds a full memory: jobs 0 … REMEMBERED_JOBS - 1, oldest first.
		const full: IDataObject = {};
		for (let n = 0; n < REMEMBERED_JOBS; n++) {
			rememberHandled(
				full,
				useapiJobIds.pack(jobid(n))!,
				stageOf({ jobid: jobid(n), status: 'completed' }),
			);
		}
		const harness = new TriggerHarness({
			parameters: { verifyWithApi: false },
			savedStaticData: { 'node:MidjourneyV3 Trigger': full },
		});
		expect(await deliver(harness, 1)).toBe(false);
		expect(await deliver(harness, REMEMBERED_JOBS)).toBe(true);
		const memory = memoryOf(harness);
		expect(Object.keys(memory)).toHaveLength(REMEMBERED_JOBS);
		// Under 45 bytes a job in the database.
		expect(JSON.stringify(memory).length).toBeLessThan(REMEMBERED_JOBS * 45);
		const restarted = await afterRestart(harness);
		expect(await deliver(restarted, 1)).toBe(false);
		expect(await deliver(restarted, 0)).toBe(true);
	});

	it(`forgets a job ${REMEMBER_DAYS} days after its last event (the API no longer keeps it)`, async () => {
		// Only the date moves; timers stay real.
		jest.useFakeTimers({
			doNotFake: [
				'nextTick',
				'setImmediate',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'queueMicrotask',
			],
		});
		const start = Date.parse('2026-09-01T12:00:00Z');
		jest.setSystemTime(start);
		const harness = new TriggerHarness({ parameters: { verifyWithApi: false } });
		expect(await deliver(harness, 1)).toBe(true);
		jest.setSystemTime(start + REMEMBER_DAYS * 86_400_000);
		expect(await deliver(harness, 2)).toBe(true);
		expect(Object.keys(memoryOf(harness))).toHaveLength(2);
		jest.setSystemTime(start + (REMEMBER_DAYS + 1) * 86_400_000);
		expect(await deliver(harness, 3)).toBe(true);
		expect(Object.keys(memoryOf(harness))).toHaveLength(2);
	});
});
