import type { IDataObject } from 'n8n-workflow';

import { useSimulator } from './helpers/simulatorSession';

const session = useSimulator();

const URL = 'https://example.com/ref.png';

function imagine(prompt: string, extra: IDataObject = {}): IDataObject {
	return { resource: 'job', operation: 'imagine', prompt, ...extra };
}

describe('Job → Imagine: prompts checked before they cost anything', () => {
	it.each([
		['a value glued to its flag', 'a cat --ar16:9', /--ar16:9: .*write --ar 16:9/],
		[
			'an out-of-range stylize',
			'a cat --s 5000',
			/--s 5000: --s must be a whole number from 0 to 1000/,
		],
		[
			'a motion that is not low or high',
			'a wave --video --motion fast',
			/--motion must be one of low, high/,
		],
		[
			'a video flag without --video',
			'a wave --motion low',
			/--motion works only in a --video prompt/,
		],
		['a flag without its value', 'a cat --ar', /--ar needs a value/],
		[
			'conflicting duplicates',
			'a cat --ar 1:1 --aspect 2:3',
			/--ar is given 2 times with different values/,
		],
	])('fails an item with %s, naming the flag, with 0 requests', async (_case, prompt, rule) => {
		const result = await session.run(imagine(prompt));

		expect(result.error?.message).toMatch(rule);
		expect(result.error?.message).toMatch(/^Prompt parameter /);
		expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(result.error?.description).toMatch(/Warn Only/);
		expect(session.sim.log).toHaveLength(0);
	});

	it('fails a field that contradicts a flag of the text, with 0 requests', async () => {
		const result = await session.run(
			imagine('a cat --ar 4:3', { promptParameters: { aspectRatio: '16:9' } }),
		);
		expect(result.error?.message).toMatch(
			/Prompt Parameters → --ar 16:9 contradicts --ar 4:3 in the prompt text/,
		);
		expect(session.sim.log).toHaveLength(0);
	});

	it('checks every item before any request: a bad item 2 leaves 0 requests', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'a cat' }, { prompt: 'a dog' }, { prompt: 'a fox --c 200' }],
		});
		expect(result.error?.message).toMatch(/--c 200/);
		expect(session.sim.log).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item becomes its error item and the others run', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [{ prompt: 'a cat' }, { prompt: 'a fox --c 200' }, { prompt: 'a dog' }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items[1].json.error).toMatch(/--c 200: --c must be a whole number from 0 to 100/);
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[2].json.status).toBe('completed');
		expect(session.jobPosts().map((post) => post.body?.prompt)).toEqual(
			expect.arrayContaining(['a cat', 'a dog']),
		);
		expect(session.jobPosts()).toHaveLength(2);
	});
});

describe('Job → Imagine: Prompt Parameters', () => {
	it('sends the composed prompt exactly and outputs it', async () => {
		const result = await session.run(
			imagine('a lighthouse at dusk', {
				promptParameters: {
					aspectRatio: '={{ "16:" + 9 }}',
					version: '7',
					stylize: 250,
					chaos: 10,
					seed: 42,
					no: 'text, watermark',
					raw: true,
					styleReferences: `${URL}, 123456`,
					styleWeight: 200,
					imagePrompts: URL,
					imageWeight: 1.5,
					speed: 'relax',
				},
			}),
		);

		const expected = `${URL} a lighthouse at dusk --v 7 --ar 16:9 --s 250 --c 10 --seed 42 --no text, watermark --raw --sref ${URL} 123456 --sw 200 --iw 1.5 --relax`;
		expect(result.error).toBeUndefined();
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.jobPosts()[0].body?.prompt).toBe(expected);
		const job = result.items[0].json;
		expect(job.status).toBe('completed');
		expect((job.request as IDataObject).prompt).toBe(expected);
		expect(job.promptWarnings).toBeUndefined();
	});

	it('makes a video job from the video fields', async () => {
		const result = await session.run(
			imagine(`${URL} waves`, {
				promptParameters: { video: true, motion: 'high', loop: true, batchSize: '2' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(session.jobPosts()[0].body?.prompt).toBe(
			`${URL} waves --video --motion high --loop --bs 2`,
		);
		expect(result.items[0].json).toMatchObject({ jobType: 'video', status: 'completed' });
	});
});

describe('Job → Imagine: warnings pass through to promptWarnings', () => {
	it('sends unknown flags and versions, with a notice', async () => {
		const result = await session.run(imagine('a cat --hdr --v 9'));
		expect(result.error).toBeUndefined();
		expect(session.jobPosts()[0].body?.prompt).toBe('a cat --hdr --v 9');
		expect(result.items[0].json.status).toBe('completed');
		expect(result.items[0].json.promptWarnings).toEqual([
			expect.stringMatching(/--hdr: unknown parameter, sent unchecked/),
			expect.stringMatching(/--v 9: not a version this node knows/),
		]);
	});

	it('warns about --p codes and about a batch of prompts that differ only by a counter', async () => {
		const result = await session.run(imagine('={{ $json.prompt }}'), {
			items: [
				{ prompt: 'My test prompt 1' },
				{ prompt: 'My test prompt 2' },
				{ prompt: 'a fox --p abc123' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(session.jobPosts()).toHaveLength(3);
		const warnings = result.items.map((item) => item.json.promptWarnings);
		expect(warnings[0]).toEqual([expect.stringMatching(/^Differs from item 1 only by a number/)]);
		expect(warnings[1]).toEqual([expect.stringMatching(/^Differs from item 0 only by a number/)]);
		expect(warnings[2]).toEqual([expect.stringMatching(/^--p codes: useapi.net warns/)]);
	});

	it("keeps the warnings in Don't Wait mode", async () => {
		const result = await session.run(imagine('a cat --hdr', { waitMode: 'none' }));
		expect(result.items[0].json.status).toBe('created');
		expect(result.items[0].json.promptWarnings).toEqual([expect.stringMatching(/--hdr/)]);
	});

	it('Warn Only sends what Strict blocks; the simulator then refuses it as Midjourney does', async () => {
		const result = await session.run(imagine('a cat --s 5000', { promptCheck: 'warn' }), {
			continueOnFail: true,
		});
		expect(session.jobPosts()).toHaveLength(1);
		expect(session.jobPosts()[0].body?.prompt).toBe('a cat --s 5000');
		expect(result.items[0].json).toMatchObject({
			status: 'failed',
			promptWarnings: [
				expect.stringMatching(/--s 5000: --s must be a whole number from 0 to 1000/),
			],
		});
		expect(String(result.items[0].json.error)).toMatch(/Invalid parameter/);
	});

	it('Off sends the prompt unchecked and adds no notice', async () => {
		const result = await session.run(imagine('a cat --hdr --ar16:9', { promptCheck: 'off' }), {
			continueOnFail: true,
		});
		expect(session.jobPosts()[0].body?.prompt).toBe('a cat --hdr --ar16:9');
		expect(result.items[0].json.promptWarnings).toBeUndefined();
		expect(String(result.items[0].json.error)).toMatch(/Invalid parameter/);
	});
});

describe('Job → Button: prompts of Custom Zoom and Remix', () => {
	async function upscaled(): Promise<string> {
		const parent = await session.run(imagine('a castle'));
		const child = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.items[0].json.jobid,
			button: 'U1',
		});
		return child.items[0].json.jobid as string;
	}

	it('composes Custom Zoom from its prompt and the Zoom field', async () => {
		const jobId = await upscaled();
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId,
			button: 'Custom Zoom',
			prompt: 'a castle in fog',
			promptParameters: { zoom: 1.5, aspectRatio: '1:1' },
		});
		expect(result.error).toBeUndefined();
		const post = session.jobPosts().at(-1);
		expect(post?.body).toMatchObject({
			button: 'Custom Zoom',
			prompt: 'a castle in fog --ar 1:1 --zoom 1.5',
		});
		expect(result.items[0].json.status).toBe('completed');
	});

	it('fails an out-of-range zoom before pressing', async () => {
		const jobId = await upscaled();
		const posts = session.jobPosts().length;
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId,
			button: 'Custom Zoom',
			prompt: 'a castle --zoom 3',
		});
		expect(result.error?.message).toMatch(/--zoom 3: --zoom must be a number from 1 to 2/);
		expect(session.jobPosts()).toHaveLength(posts);
	});

	it('refuses Prompt Parameters without a prompt on a Remix button', async () => {
		const parent = await session.run(imagine('a castle'));
		const posts = session.jobPosts().length;
		const result = await session.run({
			resource: 'job',
			operation: 'button',
			jobId: parent.items[0].json.jobid,
			button: 'V1',
			promptParameters: { stylize: 50 },
		});
		expect(result.error?.message).toMatch(/Prompt Parameters need a prompt on V1/);
		expect(session.jobPosts()).toHaveLength(posts);
	});
});
