import { CHANNEL, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

async function createJob(prompt = 'a cat', waitMode = 'stream') {
	const result = await session.run({ resource: 'job', operation: 'imagine', prompt, waitMode });
	return result.items[0].json.jobid as string;
}

describe('Job → Get', () => {
	it('reads a job by id with the same conveniences as Imagine', async () => {
		const jobid = await createJob();
		const result = await session.run({ resource: 'job', operation: 'get', jobId: jobid });
		expect(result.items[0].json).toMatchObject({ jobid, status: 'completed', progress: 100 });
		expect(result.items[0].json.imageUrls).toHaveLength(4);
	});

	it('says a job id is unknown (404)', async () => {
		const result = await session.run({
			resource: 'job',
			operation: 'get',
			jobId: 'j1111111111111111111i-u1-c1-bot:midjourney',
		});
		expect(result.error?.message).toMatch(/Not found: Job not found/);
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('says a job has expired (410)', async () => {
		const jobid = await createJob();
		session.sim.expireJob(jobid);
		const result = await session.run({ resource: 'job', operation: 'get', jobId: jobid });
		expect(result.error?.message).toMatch(/expired/);
		expect(result.error?.description).toMatch(/62 days/);
	});

	it('rejects an empty job id before any request', async () => {
		const result = await session.run({ resource: 'job', operation: 'get', jobId: '  ' });
		expect(result.error?.message).toMatch(/Job ID is empty/);
		expect(session.sim.log).toHaveLength(0);
	});

	it('reads several items, each paired with its input', async () => {
		const a = await createJob('one');
		const b = await createJob('two');
		const result = await session.run(
			{ resource: 'job', operation: 'get', jobId: '={{ $json.id }}' },
			{
				items: [{ id: a }, { id: 'j0000000000000000000i-u1-c1-bot:midjourney' }, { id: b }],
				continueOnFail: true,
			},
		);
		expect(result.items.map((i) => i.json.jobid ?? i.json.error)).toEqual([
			a,
			expect.stringMatching(/Not found/),
			b,
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Job → List Running and Cancel', () => {
	it('lists running jobs and cancels one, freeing its slot', async () => {
		const jobid = await createJob('slow [[ms=5000]]', 'none');
		const listed = await session.run({ resource: 'job', operation: 'listRunning' });
		expect(listed.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ jobid, channel: CHANNEL, status: 'running', jobType: 'image' }),
		]);
		expect(listed.items[0].json).not.toHaveProperty('jobId');

		// Cancel follows List Running directly, taking the jobid of each item.
		const cancelled = await session.run(
			{ resource: 'job', operation: 'cancel', jobId: '={{ $json.jobid }}' },
			{ items: listed.items.map((item) => item.json) },
		);
		expect(cancelled.items[0].json).toEqual({ jobid, cancelled: true });
		expect(session.sim.jobs.get(jobid)).toMatchObject({
			status: 'failed',
			error: 'Job cancelled by user',
		});

		const after = await session.run({ resource: 'job', operation: 'listRunning' });
		expect(after.error).toBeUndefined();
		expect(after.items).toHaveLength(0);
	});

	it('outputs one item per running job over every channel, each paired with its input', async () => {
		const a = await createJob('slow a [[ms=5000]]', 'none');
		const b = await createJob('slow b [[ms=5000]]', 'none');
		const listed = await session.run({ resource: 'job', operation: 'listRunning' });
		expect(listed.items.map((item) => item.json.jobid).sort()).toEqual([a, b].sort());
		expect(listed.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('explains why a finished job cannot be cancelled, naming no parameter', async () => {
		const jobid = await createJob();
		const result = await session.run({ resource: 'job', operation: 'cancel', jobId: jobid });
		expect(result.error?.message).toMatch(/not running/);
		expect(result.error?.description).toMatch(/already finished .* nothing to cancel/);
		expect(result.error?.description).not.toMatch(/parameter/);
	});

	it.each(['get', 'cancel'])(
		'Job → %s rejects a string that is not a v3 job ID before any request',
		async (operation) => {
			const result = await session.run({ resource: 'job', operation, jobId: 'not-a-v3-job-id' });
			expect(result.error?.message).toBe('Job ID "not-a-v3-job-id" is not a Midjourney v3 job ID');
			expect(result.error?.description).toMatch(/jobid .*e\.g\. j\d+i-u\d+-c\d+-bot:midjourney/);
			expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(0);
			expect(session.sim.log).toHaveLength(0);
		},
	);
});
