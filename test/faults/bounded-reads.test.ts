import type { IDataObject } from 'n8n-workflow';

// node:http is off limits to the package's TypeScript (lint): the hostile server is plain JavaScript.
import { startHostileServer } from '../helpers/hostileServer';
import { imagine, useFaultSession } from './faultSession';

// Downloads and error bodies are read only as far as the node needs: a file over Max Download
// Size, a trickling server and a huge error body all end early, with a short message. The
// hostile server counts the bytes it got onto the socket before the node hung up.
const MB = 1024 * 1024;
/** What the kernel's socket buffers may hold beyond what the node read (send + receive). */
const SOCKET_SLACK = 12 * MB;

interface Answer {
	path: string;
	bytes: number;
	written: number;
}

interface HostileServer {
	url: string;
	state: { answers: Answer[]; errorMb: number; errorType: 'json' | 'text' };
	lastAnswer(): Promise<Answer>;
	reset(): void;
	close(): Promise<void>;
}

const session = useFaultSession({ jobDurationMs: 150, progressSteps: 2 });
let hostile: HostileServer;
beforeAll(async () => {
	hostile = (await startHostileServer()) as HostileServer;
});
beforeEach(() => hostile.reset());
afterAll(async () => await hostile.close());

function download(url: string, options: IDataObject = {}) {
	return {
		resource: 'media',
		operation: 'download',
		url,
		downloadVia: 'direct',
		binaryPropertyName: 'data',
		options,
	};
}

describe('Max Download Size', () => {
	it.each([
		['with a Content-Length', ''],
		['without a Content-Length', '&length=no'],
	])(
		'Media → Download: a 64 MB file %s is refused at 1 MB, and read no further',
		async (_, length) => {
			const result = await session.run(
				download(`${hostile.url}/file/big.png?mb=64${length}`, { maxDownloadSize: 1 }),
			);
			const answer = await hostile.lastAnswer();
			expect(result.error?.message).toMatch(/big\.png/);
			expect(result.error?.message).toMatch(/Max Download Size \(1 MB\)/);
			if (length === '') expect(result.error?.message).toMatch(/64(\.0)? MB/);
			expect(result.error?.description).toMatch(/Max Download Size/);
			expect(answer.written).toBeLessThan(1 * MB + SOCKET_SLACK);
		},
	);

	it('Download Results: a result over the limit fails its item naming the file; the job stays complete', async () => {
		session.sim.configure({ imageBytes: 3 * MB });
		try {
			const result = await session.run(
				imagine(
					'a heavy fox',
					'stream',
					{ downloadVia: 'direct', maxDownloadSize: 1 },
					{ download: 'singles' },
				),
				{ continueOnFail: true },
			);
			const [item] = result.items;
			expect(String(item.json.error)).toMatch(/image1\.png.*Max Download Size \(1 MB\)/);
			const job = [...session.sim.jobs.values()][0];
			expect(job.status).toBe('completed');
		} finally {
			session.sim.configure({ imageBytes: 0 });
		}
	});

	it('a Max Download Size that is not a positive number fails the item before the job is paid for', async () => {
		const result = await session.run(
			imagine('a fox', 'stream', { maxDownloadSize: '={{ -5 }}' }, { download: 'singles' }),
		);
		expect(result.error?.message).toMatch(/Max Download Size must be a number above 0/);
		expect(session.jobPosts()).toHaveLength(0);
	});

	it('a file under the limit downloads whole', async () => {
		const result = await session.run(
			download(`${hostile.url}/file/small.png?mb=2&length=no`, { maxDownloadSize: 3 }),
		);
		expect(result.error).toBeUndefined();
		expect(
			result.items[0].binary?.data.bytes ?? result.items[0].binary?.data.fileSize,
		).toBeTruthy();
		expect((await hostile.lastAnswer()).written).toBe(2 * MB);
	});
});

describe('the Timeout bounds a download', () => {
	it('Media → Download from a server that trickles a byte every 100 ms ends at the Timeout', async () => {
		const result = await session.run(
			download(`${hostile.url}/trickle/slow.png?seconds=20`, { timeout: 2 }),
		);
		expect(result.error?.message).toMatch(/slow\.png/);
		expect(result.error?.message).toMatch(/Timeout \(2 s\)/);
		// The server saw the node hang up: about 2 s of bytes, far from the 200 of 20 s.
		expect((await hostile.lastAnswer()).written).toBeLessThan(100);
	});
});

describe('error bodies are read up to a few kB', () => {
	it.each(['json', 'text'] as const)(
		'Job → Get answered 500 with a 50 MB %s body: a short message, the rest never read',
		async (type) => {
			hostile.state.errorMb = 50;
			hostile.state.errorType = type;
			const result = await session.run(
				{
					resource: 'job',
					operation: 'get',
					jobId: 'j1206210237254195863i-u12345-c1234567890123456789-bot:midjourney',
				},
				{ baseUrl: hostile.url },
			);
			const answer = await hostile.lastAnswer();
			expect(answer.bytes).toBeGreaterThan(49 * MB);
			expect(answer.written).toBeLessThan(SOCKET_SLACK);
			expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('500');
			const shown = `${result.error?.message} ${result.error?.description}`;
			expect(shown.length).toBeLessThan(1200);
			expect(shown).not.toMatch(/Too many properties/);
			expect(shown).toMatch(/only its first 8 kB were read/);
		},
	);

	it('Media → Download answered 500 with a 50 MB text body', async () => {
		const result = await session.run(download(`${hostile.url}/broken.png?mb=50&type=text`));
		const answer = await hostile.lastAnswer();
		expect(answer.written).toBeLessThan(SOCKET_SLACK);
		expect((result.error as { httpCode?: string } | undefined)?.httpCode).toBe('500');
	});

	it.each(['stream', 'poll'])(
		'Job → Imagine (%s): a submit answered 500 with 50 MB reads a few kB of each answer',
		async (waitMode) => {
			hostile.state.errorMb = 50;
			hostile.state.errorType = 'json';
			const result = await session.run(imagine('a fox', waitMode, { timeout: 3 }), {
				baseUrl: hostile.url,
			});
			expect(result.error).toBeDefined();
			const answers = hostile.state.answers;
			await hostile.lastAnswer();
			expect(answers.length).toBeGreaterThan(0);
			for (const answer of answers) expect(answer.written).toBeLessThan(SOCKET_SLACK);
		},
	);
});
