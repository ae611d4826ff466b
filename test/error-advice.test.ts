import { useSimulator } from './helpers/simulatorSession';

/** Errors say what happened and what to do, and name a parameter only when one is at fault. */
const session = useSimulator({
	channels: ['1111111111111111111', '2222222222222222222'].map((channel) => ({
		channel,
		discord: 'MTIfake...xyz',
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 3,
	})),
});

describe('error advice', () => {
	it('a settings command with two channels and none chosen says to choose one, not to fix a parameter', async () => {
		const result = await session.run({ resource: 'settings', operation: 'info' });
		expect(result.error?.message).toMatch(/channel parameter is required when multiple channels/);
		expect(result.error?.description).toBe(
			'More than one Midjourney channel is configured: choose the one to use in Options → Channel (Account → List shows them).',
		);
	});

	it('Vary (Region) without its mask says that Vary (Region) needs a mask image, before any request', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: 'j1121063659809338026i-u12345-c1111111111111111111-bot:midjourney',
			button: 'Vary (Region)',
		});
		expect(result.error?.message).toBe(
			'Vary (Region) needs a mask image (white marks the region to regenerate), but the input item has no binary field "mask"',
		);
		expect(result.error?.description).toMatch(/or switch Mask Source to Base64 Text\.$/);
		expect(result.error?.description).not.toMatch(/HTTP Request .* image URL/);
		expect(session.sim.log).toHaveLength(0);
	});
});
