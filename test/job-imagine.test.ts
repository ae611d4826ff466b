import type { IDataObject } from 'n8n-workflow';

import {
	CHANNEL,
	TOKEN,
	eventually,
	everythingVisible,
	useSimulator,
} from './helpers/simulatorSession';

const session = useSimulator();

const FAST_RETRY = { busyRetryMinSeconds: 0.05, busyRetryMaxSeconds: 0.1 };

function imagine(prompt: string, waitMode = 'stream', options: IDataObject = {}) {
	return {
		resource: 'job',
		operation: 'imagine',
		prompt,
		waitMode,
		options: { ...FAST_RETRY, ...options },
	};
}

describe('Job → Imagine, Stream mode', () => {
	it('streams the job and outputs the completed job with conveniences', async () => {
		const result = await session.run(imagine('a cat in a hat'));

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const job = result.items[0].json;
		expect(job.status).toBe('completed');
		expect(job.verb).toBe('imagine');
		expect(job.jobid).toMatch(/^j\d{19}i-u\d+-c\d+-bot:midjourney$/);
		expect(job.progress).toBe(100);
		expect(job.imageUrls).toHaveLength(4);
		expect(job.buttons).toEqual(expect.arrayContaining(['U1', 'V1']));
		expect(result.items[0].pairedItem).toEqual({ item: 0 });

		const [post] = session.jobPosts();
		expect(session.jobPosts()).toHaveLength(1);
		expect(post.body).toMatchObject({ prompt: 'a cat in a hat', stream: true });
		expect(post.stream).toBe(true);
		expect(post.disconnectedEarly).toBeFalsy();
		expect(session.requests('GET', '/v3/midjourney/jobs/')).toHaveLength(0);
	});

	it.each([
		['random chunks', { sseChunking: 'random' }],
		['1–3 byte chunks', { sseChunking: 'bytes' }],
		['CRLF line ends', { sseLineEnding: 'crlf', sseChunking: 'random' }],
		['CR line ends', { sseLineEnding: 'cr', sseChunking: 'random' }],
		['comments and extra fields', { sseComments: true, sseChunking: 'random' }],
		['a BOM and garbage events', { sseBom: true, sseGarbage: true, sseChunking: 'bytes' }],
		['100 KB events', { ssePadBytes: 100_000, sseChunking: 'random' }],
	])('reads the stream correctly with %s', async (_name, faults) => {
		session.sim.setFaults(faults);
		const result = await session.run(imagine('a lighthouse at dusk 🔄 ⬅️'));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[0].json.imageUrls).toHaveLength(4);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it.each([1, 2, 4])(
		'finishes by polling, never resubmitting, when the stream drops after %i event(s)',
		async (after) => {
			session.sim.setFaults({ dropAfterEvents: { after, count: 1 } });
			const result = await session.run(
				imagine('a fox in the snow', 'stream', { pollInterval: 0.1 }),
			);

			expect(result.error).toBeUndefined();
			expect(result.items[0].json.status).toBe('completed');
			expect(session.jobPosts()).toHaveLength(1);
			const jobid = result.items[0].json.jobid as string;
			const reads = session.requests('GET', '/v3/midjourney/jobs/');
			expect(reads.length).toBeGreaterThan(0);
			expect(reads.every((r) => r.path === `/v3/midjourney/jobs/${jobid}`)).toBe(true);
		},
	);

	it('waits out a busy channel (429) and then submits successfully', async () => {
		session.sim.setFaults({ force429: 2 });
		const result = await session.run(imagine('a red bicycle'));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		const statuses = session.jobPosts().map((r) => r.status);
		expect(statuses).toEqual([429, 429, 200]);
	});

	it('a channel reading that failed does not stand for the next one: the next 429 reads the channel again', async () => {
		// The first reading's connection is reset: that wait falls back to the Busy Retry pause,
		// and the second 429 must read GET /jobs anew instead of reusing the failed reading.
		session.sim.setFaults({ force429: 2, listErrors: ['reset'] });
		const result = await session.run(imagine('a red bicycle'));
		expect(result.error).toBeUndefined();
		expect(session.jobPosts().map((r) => r.status)).toEqual([429, 429, 200]);
		expect(
			session
				.requests('GET', '/v3/midjourney/jobs')
				.filter((r) => r.path === '/v3/midjourney/jobs'),
		).toHaveLength(2);
	});

	it('gives up on a channel that stays busy at the timeout, with a clear 429 error', async () => {
		session.sim.setFaults({ force429: 1000 });
		// 3 s, not 1: the requests themselves get at least 1 s, which a loaded machine can use up
		const result = await session.run(imagine('a red bicycle', 'stream', { timeout: 3 }));
		expect(result.error?.message).toMatch(/channel is busy/i);
		expect(result.error?.description).toMatch(/Max Concurrent Jobs|Timeout/);
		expect(session.jobPosts().every((r) => r.status === 429)).toBe(true);
	});

	it('resubmits after 503 "Failed to process your command" (no job was created)', async () => {
		session.sim.setFaults({ submitErrors: [503] });
		const result = await session.run(imagine('a paper boat'));
		expect(result.error).toBeUndefined();
		expect(session.jobPosts().map((r) => r.status)).toEqual([503, 200]);
		expect(session.sim.jobs.size).toBe(1);
	});

	it('never resubmits after a 502 that may have created a job', async () => {
		session.sim.setFaults({ submitErrors: [{ status: 502 }] });
		const result = await session.run(imagine('a paper boat'));
		expect(result.error?.message).toMatch(/temporarily unavailable/i);
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('explains a locked channel (596): resolve in Discord, then Account → Reset', async () => {
		const result = await session.run(imagine('a castle [[596]]'));
		expect(result.error?.message).toMatch(/locked/i);
		expect(result.error?.description).toMatch(/Account → Reset/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('596');
	});

	it('reports a moderated job as an error carrying the API explanation', async () => {
		const result = await session.run(imagine('something [[moderated]]'));
		expect(result.error?.message).toMatch(/moderated/i);
		expect(result.error?.message).toContain('Action needed to continue');
		expect(result.error?.description).toMatch(/Rephrase/);
	});

	it('reports a failed job as an error', async () => {
		const result = await session.run(imagine('something [[failed]]'));
		expect(result.error?.message).toMatch(/failed/i);
	});

	it('with Continue On Fail, outputs the moderated job with its error instead of stopping', async () => {
		const result = await session.run(imagine('something [[moderated]]'), { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'moderated' });
		expect(result.items[0].json.error).toMatch(/moderated/i);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('cancels the job (DELETE) when it does not finish within the timeout', async () => {
		const result = await session.run(imagine('a slow one [[ms=5000]]', 'stream', { timeout: 1 }));
		expect(result.error?.message).toMatch(/did not finish within 1 s/);
		expect(result.error?.description).toMatch(/cancelled/);
		const jobid = session.jobPosts()[0].jobid as string;
		expect(session.requests('DELETE', `/v3/midjourney/jobs/${jobid}`)).toHaveLength(1);
		expect(session.sim.jobs.get(jobid)).toMatchObject({
			status: 'failed',
			error: 'Job cancelled by user',
		});
	});

	it('cancels the job (DELETE) when the user stops the execution', async () => {
		const result = await session.run(imagine('a slow one [[ms=5000]]'), { cancelAfterMs: 500 });
		expect(result.status).toBe('canceled');
		const jobid = () => session.jobPosts()[0]?.jobid as string;
		await eventually(
			() => session.requests('DELETE', `/v3/midjourney/jobs/${jobid()}`).length === 1,
		);
		expect(session.sim.jobs.get(jobid())).toMatchObject({ status: 'failed' });
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('sends channel, replyUrl, replyRef and replyLevel when set', async () => {
		await session.run(
			imagine('a tree', 'stream', {
				channel: CHANNEL,
				replyUrl: 'https://example.com/hook',
				replyRef: 'order-42',
				replyLevel: 'minimal',
			}),
		);
		expect(session.jobPosts()[0].body).toMatchObject({
			channel: CHANNEL,
			replyUrl: 'https://example.com/hook',
			replyRef: 'order-42',
			replyLevel: 'minimal',
		});
	});
});

describe("Job → Imagine, Poll and Don't wait modes", () => {
	it('Poll: submits with stream:false and reads the job until completed', async () => {
		const result = await session.run(imagine('a cat', 'poll', { pollInterval: 0.1 }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.jobPosts()[0].body).toMatchObject({ stream: false });
		expect(session.jobPosts()[0].status).toBe(201);
		expect(session.requests('GET', '/v3/midjourney/jobs/').length).toBeGreaterThanOrEqual(1);
	});

	it('Poll: cancels the job on timeout', async () => {
		const result = await session.run(
			imagine('slow [[ms=5000]]', 'poll', { pollInterval: 0.1, timeout: 1 }),
		);
		expect(result.error?.message).toMatch(/did not finish/);
		expect(session.requests('DELETE', '/v3/midjourney/jobs/')).toHaveLength(1);
	});

	it('Poll: cancels the job when the user stops the execution', async () => {
		const result = await session.run(imagine('slow [[ms=5000]]', 'poll', { pollInterval: 0.2 }), {
			cancelAfterMs: 500,
		});
		expect(result.status).toBe('canceled');
		await eventually(() => session.requests('DELETE', '/v3/midjourney/jobs/').length === 1);
	});

	it('Poll: reads through transient 5xx/latency while the job runs', async () => {
		session.sim.setFaults({ latencySpikes: { ms: 300, count: 3 } });
		const result = await session.run(imagine('a cat', 'poll', { pollInterval: 0.1 }));
		expect(result.items[0].json.status).toBe('completed');
		expect(session.jobPosts()).toHaveLength(1);
	});

	it("Don't wait: returns the created job at once", async () => {
		const result = await session.run(imagine('a cat', 'none'));
		expect(result.items[0].json).toMatchObject({ status: 'created', verb: 'imagine' });
		expect(session.jobPosts()[0].body).toMatchObject({ stream: false });
		expect(session.requests('GET', '/v3/midjourney/jobs/')).toHaveLength(0);
	});
});

describe('Job → Imagine, input checks before any request', () => {
	it.each([
		['an empty prompt', imagine('   '), /Prompt is empty/],
		[
			'a prompt over 5000 characters',
			imagine('x'.repeat(5001)),
			/Prompt is too long \(5001 characters, the limit is 5000\)/,
		],
		[
			'a bad reply URL',
			imagine('cat', 'stream', { replyUrl: 'not a url' }),
			/Reply URL is not a valid URL/,
		],
		[
			'a reply URL over 1024 characters',
			imagine('cat', 'stream', { replyUrl: 'https://e.com/' + 'a'.repeat(1020) }),
			/Reply URL is too long/,
		],
		[
			'a reply reference over 1024 characters',
			imagine('cat', 'stream', { replyRef: 'r'.repeat(1025) }),
			/Reply Reference is too long/,
		],
		[
			'a channel that is not an ID',
			imagine('cat', 'stream', { channel: 'my channel' }),
			/Channel must be a Discord channel ID/,
		],
		[
			'an inconsistent busy retry',
			imagine('cat', 'stream', { busyRetryMinSeconds: 5, busyRetryMaxSeconds: 1 }),
			/Busy Retry waits are inconsistent/,
		],
	])('rejects %s', async (_name, parameters, message) => {
		const result = await session.run(parameters);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toBeTruthy();
		expect(session.sim.log).toHaveLength(0);
	});

	it('rejects a bad item 3 before submitting items 1 and 2', async () => {
		const result = await session.run(
			{ ...imagine('={{ $json.prompt }}'), options: FAST_RETRY },
			{ items: [{ prompt: 'one' }, { prompt: 'two' }, { prompt: '' }] },
		);
		expect(result.error?.message).toMatch(/Prompt is empty/);
		expect((result.error?.context as IDataObject).itemIndex).toBe(2);
		expect(session.jobPosts()).toHaveLength(0);
	});
});

describe('Job → Imagine, batches', () => {
	it('runs many items concurrently up to capacity, keeping order and pairing', async () => {
		const prompts = Array.from({ length: 7 }, (_, i) => ({ prompt: `prompt number ${i}` }));
		const result = await session.run(imagine('={{ $json.prompt }}'), { items: prompts });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(7);
		result.items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect((item.json.request as IDataObject).prompt).toBe(`prompt number ${i}`);
			expect(item.json.status).toBe('completed');
		});
		expect(session.jobPosts().filter((r) => r.status === 200)).toHaveLength(7);
		const stats = session.sim.stats() as { maxConcurrent: Record<string, { images: number }> };
		expect(stats.maxConcurrent[CHANNEL].images).toBe(3);
	});

	it('keeps the other items when one is moderated (continue on fail)', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'fine 1' }, { prompt: 'bad [[moderated]]' }, { prompt: 'fine 2' }],
			continueOnFail: true,
		});
		expect(result.items.map((i) => i.json.status)).toEqual(['completed', 'moderated', 'completed']);
		expect(result.items[1].json.error).toMatch(/moderated/i);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without continue on fail, names the jobs that did complete in the error', async () => {
		const result = await session.run(
			imagine('={{ $json.prompt }}', 'stream', { maxConcurrentJobs: 1 }),
			{
				items: [{ prompt: 'fine 1' }, { prompt: 'bad [[moderated]]' }, { prompt: 'never sent' }],
			},
		);
		expect(result.error?.message).toMatch(/moderated/i);
		const completed = [...session.sim.jobs.values()].filter((j) => j.status === 'completed');
		expect(completed).toHaveLength(1);
		expect(result.error?.description).toContain(completed[0].jobid as string);
		expect(session.jobPosts()).toHaveLength(2);
	});
});

describe('secrets', () => {
	it('never shows the API token in outputs or errors', async () => {
		const ok = await session.run(imagine('a cat'));
		const failed = await session.run(imagine('bad [[moderated]]'));
		const unauthorized = await session.run(imagine('a cat'), { token: 'wrong-token-123' });
		expect(unauthorized.error?.message).toMatch(/did not accept the API token/);
		for (const result of [ok, failed, unauthorized]) {
			expect(everythingVisible(result)).not.toContain(TOKEN);
			expect(everythingVisible(result)).not.toContain('wrong-token-123');
		}
		expect(JSON.stringify(session.sim.log)).not.toContain(TOKEN);
	});
});
