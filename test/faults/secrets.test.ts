import { NodeApiError } from 'n8n-workflow';

import { TOKEN, eventually } from '../helpers/simulatorSession';
import { DISCORD, JOB_POST, imagine, secretsIn, useFaultSession } from './faultSession';

// The afterAll of useFaultSession scans everything these runs produced (as in every fault file).
const session = useFaultSession({ jobDurationMs: 200, progressSteps: 3 });

const NODE = {
	id: 'n',
	name: 'MidjourneyV3',
	type: 't',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

function configure(extra: Record<string, unknown> = {}) {
	return {
		resource: 'account',
		operation: 'configure',
		maxJobs: 3,
		maxImageJobs: 3,
		maxVideoJobs: 3,
		replyUrl: '',
		...extra,
	};
}

describe('the secret scan itself', () => {
	it('finds a secret in error properties, enumerable or not, in causes, contexts, toJSON() and maps', () => {
		const hidden = new Error('plain');
		Object.defineProperty(hidden, 'request', {
			value: { headers: { Authorization: `Bearer ${TOKEN}` } },
			enumerable: false,
		});
		expect(secretsIn(hidden, [TOKEN])).toEqual([TOKEN]);

		const api = new NodeApiError(NODE, { error: 'x' }, { message: 'failed' });
		api.context.request = { body: { discord: DISCORD } };
		expect(secretsIn({ error: api }, [TOKEN, DISCORD])).toEqual([DISCORD]);

		const cause = new Error('outer', {
			cause: { config: { headers: { authorization: `Bearer ${TOKEN}` } } },
		});
		expect(secretsIn([cause], [TOKEN])).toEqual([TOKEN]);
		expect(secretsIn({ toJSON: () => ({ token: TOKEN }) }, [TOKEN])).toEqual([TOKEN]);
		expect(secretsIn(new Map([['k', { deep: { deeper: [TOKEN] } }]]), [TOKEN])).toEqual([TOKEN]);
		expect(secretsIn({ stack: `Error: at ${DISCORD.slice(0, 20)}` }, [DISCORD])).toEqual([]);
	});

	it('counts node parameters too: a secret typed into a parameter is stored with every execution', () => {
		const api = new NodeApiError(
			{ ...NODE, parameters: { discord: DISCORD } },
			{ error: 'x' },
			{ message: 'failed' },
		);
		expect(secretsIn(api, [DISCORD])).toEqual([DISCORD]);
		expect(
			secretsIn({ nodeExecutionStack: [{ node: { parameters: { discord: DISCORD } } }] }, [
				DISCORD,
			]),
		).toEqual([DISCORD]);
	});
});

describe('secrets under faults', () => {
	it('Account → Configure: the Discord token stays out of the output and the log, through latency spikes', async () => {
		session.sim.setFaults({ latencySpikes: { ms: 200, count: 2 } });
		const result = await session.run(configure());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.discord).toMatch(/^\w{3}\.\.\.\w{3}$/);
		expect(session.requests('POST', '/v3/midjourney/accounts')[0].body?.discord).toMatch(/\.\.\./);
	});

	it('Account → Configure with a token useapi.net refuses (401)', async () => {
		const result = await session.run(configure(), { token: ['refused', TOKEN].join('-') });
		expect(result.error?.message).toMatch(/did not accept the API token/);
	});

	it('Account → Configure stopped by the user while the request is in flight', async () => {
		session.sim.setFaults({ latencyMs: 600 });
		const result = await session.run(configure(), { cancelAfterMs: 200 });
		expect(result.status).toBe('canceled');
	});

	it('Account → Configure when useapi.net cannot be reached', async () => {
		const result = await session.run(configure(), { baseUrl: 'http://127.0.0.1:9' });
		expect(result.error?.message).toBe('Could not reach useapi.net');
	});

	it('a job stopped by the user, its DELETE sent with the token after the cancel', async () => {
		const result = await session.run(imagine('slow [[ms=5000]]'), { cancelAfterMs: 300 });
		expect(result.status).toBe('canceled');
		await eventually(() => session.requests('DELETE', JOB_POST).length === 1);
	});

	it('a download refused by the proxy once, then retried', async () => {
		session.sim.setFaults({ proxy403: 1 });
		const result = await session.run(imagine('a cat', 'stream', {}, { download: 'singles' }));
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].binary ?? {})).toEqual([
			'image1',
			'image2',
			'image3',
			'image4',
		]);
		expect(session.requests('GET', '/v1/proxy/cdn-midjourney').map((r) => r.status)).toEqual([
			403, 200, 200, 200, 200,
		]);
	});
});
