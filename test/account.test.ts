import { CHANNEL, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.discord-token-secret-xyz';

function configure(extra: Record<string, unknown> = {}) {
	return {
		resource: 'account',
		operation: 'configure',
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 2,
		replyUrl: '',
		...extra,
	};
}

describe('Account operations', () => {
	it('lists the configured channels, one item each', async () => {
		const result = await session.run({ resource: 'account', operation: 'list' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ channel: CHANNEL, maxJobs: 3 });
	});

	it('lists nothing (no error) when no channel is configured yet', async () => {
		await session.run({ resource: 'account', operation: 'delete', channel: CHANNEL });
		const result = await session.run({ resource: 'account', operation: 'list' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
	});

	it('configures a channel and never echoes the Discord token', async () => {
		const result = await session.run(configure({ replyUrl: 'https://example.com/hook' }), {
			discordToken: DISCORD,
		});
		expect(result.error).toBeUndefined();
		// The token came from the credential and reached useapi.net (which logs it masked).
		expect(session.requests('POST', '/v3/midjourney/accounts')[0].body?.discord).toBe('MTI...xyz');
		const channel = result.items[0].json;
		expect(channel).toMatchObject({
			maxJobs: 3,
			maxImageJobs: 3,
			maxVideoJobs: 2,
			replyUrl: 'https://example.com/hook',
		});
		expect(JSON.stringify(result.items)).not.toContain(DISCORD);
		expect(JSON.stringify(session.sim.log)).not.toContain(DISCORD);

		const got = await session.run({
			resource: 'account',
			operation: 'get',
			channel: channel.channel as string,
		});
		expect(got.items[0].json).toMatchObject({ channel: channel.channel, maxVideoJobs: 2 });
	});

	it.each([
		['Max Jobs 16', { maxJobs: 16 }, /Max Jobs must be a whole number from 1 to 15/],
		['Max Image Jobs 0', { maxImageJobs: 0 }, /Max Image Jobs must be a whole number from 1 to 12/],
		[
			'Max Video Jobs above Max Jobs',
			{ maxJobs: 2, maxImageJobs: 2, maxVideoJobs: 3 },
			/Max Video Jobs \(3\) is more than Max Jobs \(2\)/,
		],
		['a bad reply URL', { replyUrl: 'ftp://x' }, /Reply URL is not a valid URL/],
	])('rejects %s before any request', async (_name, extra, message) => {
		const result = await session.run(configure(extra));
		expect(result.error?.message).toMatch(message);
		expect(session.sim.log).toHaveLength(0);
	});

	it('rejects an empty Discord token in the credential before any request', async () => {
		const result = await session.run(configure(), { discordToken: '   ' });
		expect(result.error?.message).toMatch(
			/Discord token in the "Midjourney Discord Account API" credential is empty/,
		);
		expect(result.error?.description).toMatch(/Open the credential/);
		expect(session.sim.log).toHaveLength(0);
	});

	it('says clearly when a channel is not configured (404 with an empty body)', async () => {
		const result = await session.run({ resource: 'account', operation: 'get', channel: '999' });
		expect(result.error?.message).toBe('Channel 999 is not configured');
		expect(result.error?.description).toMatch(/Account → Configure/);
	});

	it('deletes a channel', async () => {
		const result = await session.run({
			resource: 'account',
			operation: 'delete',
			channel: CHANNEL,
		});
		expect(result.items[0].json).toEqual({ channel: CHANNEL, deleted: true });
		expect(session.requests('DELETE', `/v3/midjourney/accounts/${CHANNEL}`)[0].status).toBe(204);
	});

	it('resets a channel locked by moderation (596), after which jobs run again', async () => {
		const locked = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'x [[596]]',
		});
		expect((locked.error as { httpCode?: string }).httpCode).toBe('596');
		const stillLocked = await session.run({
			resource: 'job',
			operation: 'imagine',
			prompt: 'a cat',
		});
		expect((stillLocked.error as { httpCode?: string }).httpCode).toBe('596');

		const reset = await session.run({ resource: 'account', operation: 'reset', channel: CHANNEL });
		expect(reset.items[0].json).toEqual({ channel: CHANNEL, reset: true });

		const again = await session.run({ resource: 'job', operation: 'imagine', prompt: 'a cat' });
		expect(again.items[0].json.status).toBe('completed');
	});

	it('rejects a channel that is not a Discord ID before any request', async () => {
		const result = await session.run({ resource: 'account', operation: 'reset', channel: 'abc' });
		expect(result.error?.message).toMatch(/Channel must be a Discord channel ID/);
		expect(session.sim.log).toHaveLength(0);
	});
});
