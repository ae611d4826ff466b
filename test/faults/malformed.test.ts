import type { IDataObject } from 'n8n-workflow';

import { CHANNEL } from '../helpers/simulatorSession';
import {
	JOB_POST,
	expectAbandonedJobsCancelled,
	expectFinalJob,
	expectNoDuplicatePosts,
	expectNoLostItems,
	imagine,
	prompts,
	useFaultSession,
} from './faultSession';

const session = useFaultSession({ jobDurationMs: 200, progressSteps: 3 });

/** A stream read to its end: the final event came through the parser, no fallback read was needed. */
function expectStreamReadToTheEnd(jobid: string) {
	const [post] = session.jobPosts();
	expect(post).toMatchObject({ status: 200, stream: true });
	expect(session.jobPosts()).toHaveLength(1);
	expect(session.requests('GET', `${JOB_POST}${jobid}`)).toHaveLength(0);
}

describe('fault: malformed but valid SSE', () => {
	it.each([
		['garbage data lines between events', { sseGarbage: true }],
		['JSON split across 1–3 byte chunks (UTF-8 split too)', { sseChunking: 'bytes' }],
		['JSON split across random chunks', { sseChunking: 'random' }],
		['CRLF line ends', { sseLineEnding: 'crlf', sseChunking: 'bytes' }],
		['CR line ends', { sseLineEnding: 'cr', sseChunking: 'bytes' }],
		['comments, retry, id and event fields', { sseComments: true, sseChunking: 'random' }],
		['a BOM', { sseBom: true, sseChunking: 'bytes' }],
		[
			'all of it at once',
			{
				sseGarbage: true,
				sseComments: true,
				sseBom: true,
				sseLineEnding: 'crlf',
				sseChunking: 'bytes',
			},
		],
	])('%s: the final job comes from the stream, with one POST', async (_name, faults) => {
		session.sim.setFaults(faults);
		const result = await session.run(imagine('a lighthouse at dusk ⛵ 🌅 ü'));

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 1);
		const json = result.items[0].json;
		expectFinalJob(session, json);
		expect((json.request as IDataObject).prompt).toBe('a lighthouse at dusk ⛵ 🌅 ü');
		expectStreamReadToTheEnd(json.jobid as string);
		await expectAbandonedJobsCancelled(session);
	});

	it('1 MB events (ssePadBytes) in random chunks: read to the end, the padding stays out of the output', async () => {
		session.sim.setFaults({ ssePadBytes: 1_000_000, sseChunking: 'random' });
		const result = await session.run(imagine('huge events'));

		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expectFinalJob(session, json);
		expectStreamReadToTheEnd(json.jobid as string);
		expect(JSON.stringify(result.items).length).toBeLessThan(20_000);
	});

	it('a batch of 4 with 1 MB events and byte-sized CRLF chunks on every stream: all complete, one POST each', async () => {
		session.sim.setFaults({ ssePadBytes: 1_000_000, sseLineEnding: 'crlf', sseGarbage: true });
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: prompts('big 0', 'big 1', 'big 2', 'big 3'),
		});

		expect(result.error).toBeUndefined();
		expectNoLostItems(result, 4);
		for (const item of result.items) expectFinalJob(session, item.json);
		expect(session.acceptedPosts()).toHaveLength(4);
		expect(session.requests('GET', JOB_POST)).toHaveLength(0);
		expectNoDuplicatePosts(session);
	});
});

describe('fault: error answers that are not JSON', () => {
	it.each([
		[
			'an HTML 500 page',
			{
				status: 500,
				body: '<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>',
				contentType: 'text/html',
			},
			/useapi.net answered HTTP 500: 500 Internal Server Error/,
		],
		[
			'a plain-text 400',
			{ status: 400, body: 'prompt rejected by upstream filter', contentType: 'text/plain' },
			/rejected the request: prompt rejected by upstream filter/,
		],
		[
			'a plain-text 503 (not the documented "not processed")',
			{
				status: 503,
				body: 'upstream connect error or disconnect/reset before headers',
				contentType: 'text/plain',
			},
			/temporarily unavailable: upstream connect error/,
		],
		['an empty 500', { status: 500, body: null }, /^useapi.net answered HTTP 500$/],
		[
			'JSON sent as text/plain',
			{ status: 400, body: '{"error":"Parameter prompt is invalid"}', contentType: 'text/plain' },
			/rejected the request: Parameter prompt is invalid/,
		],
	])('%s: one POST, a clear error naming the status', async (_name, fault, message) => {
		session.sim.setFaults({ submitErrors: [fault] });
		const result = await session.run(imagine('a cat'), { continueOnFail: true });

		expectNoLostItems(result, 1);
		const json = result.items[0].json;
		expect(json.error).toMatch(message);
		expect(json.errorDescription).toBeTruthy();
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.sim.jobs.size).toBe(0);
	});

	it('a 200 that is neither a job nor a stream: never resubmitted, the job it created is found and followed', async () => {
		session.sim.setFaults({
			submitErrors: [{ status: 200, created: true, body: 'OK', contentType: 'text/plain' }],
		});
		const result = await session.run(imagine('a cat [[ms=600]]'), { continueOnFail: true });

		expectNoLostItems(result, 1);
		expect(result.items[0].json.status).toBe('completed');
		expect(session.jobPosts()).toHaveLength(1);
	});

	it('a 200 that is neither a job nor a stream, and no job to be found: the error says the job may exist and where to look', async () => {
		session.sim.setFaults({
			submitErrors: [{ status: 200, created: false, body: 'OK', contentType: 'text/plain' }],
		});
		const result = await session.run(imagine('a cat'), { continueOnFail: true });

		expectNoLostItems(result, 1);
		expect(result.items[0].json.error).toMatch(/ended before it confirmed the job/);
		expect(result.items[0].json.errorDescription).toMatch(/found none/);
		expect(result.items[0].json.errorDescription).toMatch(/Job → List Running/);
		expect(session.jobPosts()).toHaveLength(1);
	});
});

describe('fault: empty 404 bodies', () => {
	it.each([
		['get', 'GET', ''],
		['delete', 'DELETE', ''],
		['reset', 'POST', '/reset'],
	])(
		'Account → %s of an unknown channel says it is not configured',
		async (operation, method, prefix) => {
			const unknown = '1111111111111111111';
			const result = await session.run(
				{ resource: 'account', operation, channel: unknown },
				{ continueOnFail: true },
			);

			expect(result.error).toBeUndefined();
			expect(result.items[0].json.error).toBe(`Channel ${unknown} is not configured`);
			expect(result.items[0].json.errorDescription).toMatch(/Account → List|Account → Configure/);
			const [request] = session.requests(method, `/v3/midjourney/accounts${prefix}/${unknown}`);
			expect(request.status).toBe(404);
			expect(session.sim.log).toHaveLength(1);
		},
	);

	it("without continue on fail, the 404 is the run's error, with its status", async () => {
		const result = await session.run({
			resource: 'account',
			operation: 'get',
			channel: '2222222222222222222',
		});
		expect(result.error?.message).toBe('Channel 2222222222222222222 is not configured');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('Account → List with no channel outputs nothing, and a job then fails saying to configure one', async () => {
		await session.run({ resource: 'account', operation: 'delete', channel: CHANNEL });
		const listed = await session.run({ resource: 'account', operation: 'list' });
		expect(listed.error).toBeUndefined();
		expect(listed.items).toHaveLength(0);

		const job = await session.run(imagine('a cat'));
		expect(job.error?.message).toMatch(/rejected the request: No Midjourney channels configured/);
		expect(job.error?.description).toBeTruthy();
		expect(session.jobPosts()).toHaveLength(1);
	});
});
