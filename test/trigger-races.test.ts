import type { IDataObject } from 'n8n-workflow';

import { isFinal } from '../nodes/Midjourney/engine/job';
import { TriggerHarness } from '../tools/harness/runTrigger';
import { TOKEN, eventually, useSimulator } from './helpers/simulatorSession';

/**
 * The same callback POSTed several times at the same moment (a proxy's retry, a re-delivery
 * racing the first): n8n loads and saves the workflow's static data per request, so every copy
 * finds the delivery log without its event. Within one n8n process exactly one may start.
 */
const session = useSimulator();

async function completedCallback(prompt: string): Promise<IDataObject> {
	const run = await session.run({
		resource: 'job',
		operation: 'imagine',
		prompt,
		waitMode: 'none',
		options: { replyUrl: `${session.sim.url}/sink/callback` },
	});
	const jobid = run.items[0].json.jobid as string;
	const final = () =>
		(
			session.sim.callbacks as unknown as Array<{
				jobid: string;
				jobStatus: string;
				body: IDataObject;
			}>
		).find((callback) => callback.jobid === jobid && isFinal(callback.jobStatus));
	await eventually(() => final() !== undefined);
	return final()!.body;
}

function harness() {
	return new TriggerHarness({ credentials: { apiToken: TOKEN, baseUrl: session.sim.url } });
}

describe('MidjourneyV3 Trigger: simultaneous copies of one callback', () => {
	it.each([2, 5])('%i copies at the same moment start exactly one execution', async (copies) => {
		const trigger = harness();
		const body = await completedCallback(`a racing kite ${copies}`);

		const answers = await Promise.all(
			Array.from({ length: copies }, async () => await trigger.postJson(body)),
		);

		expect(answers.filter((answer) => answer.started)).toHaveLength(1);
		expect(answers.every((answer) => answer.statusCode === 200)).toBe(true);
	});

	it('a later re-delivery after the first was saved is still ignored (the static-data log)', async () => {
		const trigger = harness();
		const body = await completedCallback('a patient kite');
		expect((await trigger.postJson(body)).started).toBe(true);
		expect((await trigger.postJson(body)).started).toBe(false);
	});
});
