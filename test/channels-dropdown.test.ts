import { loadOptions } from '../tools/harness/runNode';
import { CHANNEL, TOKEN, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

describe('channel dropdowns (GET /accounts)', () => {
	const load = async (method: string) =>
		await loadOptions(method, {
			parameters: { resource: 'job', operation: 'imagine' },
			credentials: { apiToken: TOKEN, baseUrl: session.sim.url },
		});

	it('lists the configured channels with their limits for Account operations', async () => {
		expect(await load('getChannels')).toEqual([
			expect.objectContaining({
				name: CHANNEL,
				value: CHANNEL,
				description: expect.stringMatching(/images 3/),
			}),
		]);
	});

	it('offers "any channel" first for jobs, and marks a locked channel', async () => {
		await session.run({ resource: 'job', operation: 'imagine', prompt: 'x [[596]]' });
		const options = await load('getChannelsOrAny');
		expect(options[0]).toMatchObject({ value: '' });
		expect(options[1]).toMatchObject({
			value: CHANNEL,
			name: expect.stringMatching(/needs attention/),
		});
	});

	it('is empty, not an error, before any channel is configured', async () => {
		await session.run({ resource: 'account', operation: 'delete', channel: CHANNEL });
		expect(await load('getChannels')).toEqual([]);
	});

	it('a job runs in the channel picked from the list', async () => {
		const [, first] = await load('getChannelsOrAny');
		const result = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
			options: { channel: first.value },
		});
		expect(result.items[0].json.status).toBe('completed');
		expect(session.jobPosts()[0].body).toMatchObject({ channel: CHANNEL });
	});
});
