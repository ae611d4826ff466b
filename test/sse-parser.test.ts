/**
 * Differential tests: SseParser against eventsource-parser (the oracle) on the recorded streams
 * in test/fixtures/sse and on synthetic edge cases, each with LF, CRLF and CR line endings and
 * fed whole, one byte at a time and in 200 seeded random chunkings.
 *
 * The oracle's output is normalised to the spec's reading, where the two differ by design:
 * - it reports `event: undefined` for the default type; the spec (and we) say 'message';
 * - it reports `id` only for events that carried an `id` field; the spec's last event ID persists,
 *   so the oracle's id is carried forward. That normalisation is exact as long as no `id` field
 *   sits in a block without data or contains NUL: the oracle drops or clears those, so such
 *   streams are checked by the direct assertions at the end instead;
 * - it reports `retry` through onRetry; we report the current value on each event;
 * - it has no end(), so it keeps a final CR pending as a possible CRLF half; where a stream
 *   ends in CR the oracle is fed the LF that turns it into the line end the spec says it is.
 */
import { createParser } from 'eventsource-parser';
import * as ts from 'typescript';

import {
	MAX_BUFFERED_CHARS,
	SseBufferOverflowError,
	SseParser,
	type SseEvent,
} from '../nodes/Midjourney/transport/SseParser';

type Entry =
	| { kind: 'event'; event: string; data: string; id: string; retry?: number }
	| { kind: 'comment'; text: string };

interface StreamCase {
	name: string;
	/** Text with LF line endings (rewritten per variant) and raw bytes (used as is). */
	parts: Array<string | Uint8Array>;
	/** Also run the text with its line endings as written (for mixed line endings). */
	asWritten?: boolean;
}

const RANDOM_RUNS = 200;
const SEED_BASE = 0x5e5eed;
/** Above this size the oracle is fed whole: it re-joins and re-scans its unfinished line on every feed. */
const ORACLE_CHUNKED_MAX_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const bytes = (...values: number[]) => Uint8Array.from(values);

// --- the two parsers, logging into the same shape -------------------------------------------

function runOurs(chunks: Uint8Array[]): Entry[] {
	const log: Entry[] = [];
	const parser = new SseParser(
		(e) =>
			log.push({ kind: 'event', event: e.event, data: e.data, id: e.id ?? '', retry: e.retry }),
		(text) => log.push({ kind: 'comment', text }),
	);
	for (const chunk of chunks) parser.feed(chunk);
	parser.end();
	return log;
}

function runOracle(chunks: Uint8Array[], endsInCr: boolean): Entry[] {
	const log: Entry[] = [];
	let lastEventId = '';
	let retry: number | undefined;
	const parser = createParser({
		onEvent: (e) => {
			if (e.id !== undefined) lastEventId = e.id;
			log.push({
				kind: 'event',
				event: e.event ?? 'message',
				data: e.data,
				id: lastEventId,
				retry,
			});
		},
		onComment: (text) => log.push({ kind: 'comment', text }),
		onRetry: (ms) => {
			retry = ms;
		},
	});
	// The oracle takes strings. The spec's UTF-8 decode strips one leading BOM; that is done here
	// rather than by TextDecoder, whose stripping of a BOM split across chunks differs between
	// Node patch releases (24.22 strips a second BOM after a split one; 24.11 does not).
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	let atStart = true;
	const feed = (text: string) => {
		if (atStart && text.length > 0) {
			atStart = false;
			if (text.startsWith('\uFEFF')) text = text.slice(1);
		}
		parser.feed(text);
	};
	for (const chunk of chunks) feed(decoder.decode(chunk, { stream: true }));
	feed(decoder.decode());
	if (endsInCr) parser.feed('\n');
	return log;
}

// toEqual, with the chunking that reproduces a failure (e.g. its seed) leading the message.
expect.extend({
	toMatchOracle(ours: Entry[], oracle: Entry[], chunking: string) {
		return {
			pass: this.equals(ours, oracle),
			message: () => {
				const labels = { aAnnotation: 'eventsource-parser', bAnnotation: 'SseParser' };
				return `${chunking}\n\n${this.utils.diff(oracle, ours, labels) ?? ''}`;
			},
		};
	},
});

function expectSame(ours: Entry[], oracle: Entry[], chunking: string): void {
	type OracleMatcher = { toMatchOracle(oracle: Entry[], chunking: string): void };
	(expect(ours) as unknown as OracleMatcher).toMatchOracle(oracle, chunking);
}

// --- chunkings ------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function oneByteAtATime(stream: Uint8Array): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	for (let i = 0; i < stream.length; i++) chunks.push(stream.subarray(i, i + 1));
	return chunks;
}

/**
 * Chunk sizes are uniform in [1, bound], with the bound log-uniform in [length / 1000, length]:
 * some runs are close to byte-by-byte, some close to whole, none has much over 2000 chunks.
 * Some empty chunks are mixed in.
 */
function randomChunks(stream: Uint8Array, seed: number): Uint8Array[] {
	const random = mulberry32(seed);
	const minBound = Math.max(1, stream.length / 1000);
	const bound = Math.max(1, Math.round(minBound * Math.pow(stream.length / minBound, random())));
	const chunks: Uint8Array[] = [];
	for (let at = 0; at < stream.length; ) {
		if (random() < 0.05) chunks.push(stream.subarray(at, at));
		const size = 1 + Math.floor(random() * bound);
		chunks.push(stream.subarray(at, at + size));
		at += size;
	}
	return chunks;
}

// --- streams --------------------------------------------------------------------------------

function encodeParts(parts: Array<string | Uint8Array>, eol: string | undefined): Uint8Array {
	const encoded = parts.map((part) =>
		typeof part === 'string'
			? encoder.encode(eol === undefined ? part : part.replace(/\r\n|\r|\n/g, eol))
			: part,
	);
	const stream = new Uint8Array(encoded.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of encoded) {
		stream.set(part, at);
		at += part.length;
	}
	return stream;
}

function variants(streamCase: StreamCase): Array<[string, Uint8Array]> {
	const result: Array<[string, Uint8Array]> = [
		['LF', encodeParts(streamCase.parts, '\n')],
		['CRLF', encodeParts(streamCase.parts, '\r\n')],
		['CR', encodeParts(streamCase.parts, '\r')],
	];
	if (streamCase.asWritten) result.push(['as written', encodeParts(streamCase.parts, undefined)]);
	return result;
}

// Lint allows test files only relative and devDependency imports, so no fs: TypeScript's
// file-system layer reads the fixtures.
const FIXTURE_DIR = `${expect.getState().testPath!.replace(/[^/\\]+$/, '')}fixtures/sse`;

function readFixture(name: string): string {
	const text = ts.sys.readFile(`${FIXTURE_DIR}/${name}`);
	if (text === undefined) throw new Error(`missing fixture ${name}`);
	return text;
}

const FIXTURE_NAMES = ts.sys
	.readDirectory(FIXTURE_DIR, ['.txt'])
	.map((path) => path.slice(path.lastIndexOf('/') + 1))
	.sort();

const FIXTURE_CASES: StreamCase[] = FIXTURE_NAMES.map((name) => ({
	name: `fixture ${name}`,
	parts: [readFixture(name)],
}));

// ~1 MB of JSON on one data line, with 2-, 3- and 4-byte characters to split.
const ONE_MB_JSON = `{"blob":"${'0123456789abcdef🔄é日本 '.repeat(36_000)}"}`;

const EDGE_CASES: StreamCase[] = [
	{
		name: 'comments',
		parts: [': welcome\n:no space\n:  two spaces\n:\ndata: a\n: inside an event\ndata: b\n\n'],
	},
	{
		name: 'event, id and retry fields',
		parts: [
			'retry: 3000\nevent: created\nid: 1\ndata: first\n\n',
			'event: progress\ndata: second, id persists\n\n',
			'id: 2\nretry: 007\ndata: third\n\n',
			'id:\ndata: fourth, id cleared\n\n',
			'event:\ndata: fifth, empty event type\n\n',
		],
	},
	{
		name: 'invalid retry values',
		parts: [
			'retry: 1000\ndata: a\n\n',
			'retry: abc\nretry: 1e3\nretry: -5\nretry: 12 \nretry:  5\nretry:\nretry: ٣\ndata: b\n\n',
		],
	},
	{
		name: 'multi-line data',
		parts: ['data: line 1\ndata: line 2\ndata\ndata:\ndata: line 5\n\ndata\n\ndata:\ndata:\n\n'],
	},
	{ name: 'byte order mark', parts: ['\uFEFFdata: after the BOM\n\ndata: \uFEFFkept\n\n'] },
	{
		name: 'two byte order marks',
		parts: ['\uFEFF\uFEFFdata: field is "\uFEFFdata"\n\ndata: x\n\n'],
	},
	{
		name: 'no space after the colon',
		parts: ['data:no space\ndata:  two spaces\nevent:typed\ndata:\ttab\n\n'],
	},
	{ name: 'fields without a colon', parts: ['data\n\nevent\ndata: typeless\n\nid\ndata: x\n\n'] },
	{ name: 'unterminated final event', parts: ['data: kept\n\ndata: dropped\n'] },
	{ name: 'unterminated final line', parts: ['data: kept\n\ndata: dropped'] },
	{
		name: 'blank lines without data',
		parts: [
			'\n\n\nevent: reset by the blank line\n\ndata: plain message\n\nevent: x\nretry: 10\n\n',
		],
	},
	{
		name: 'unknown and mis-cased fields',
		parts: ['foo: bar\nData: no\nDATA: no\ndata : no\n data: no\ndata: yes\n\n'],
	},
	{
		name: 'colons in values',
		parts: ['event: a:b\nid: urn:x:1\ndata: {"url":"https://x.y/z:1"}\ndata::colon first\n\n'],
	},
	{
		name: 'non-JSON data',
		parts: ['data: [DONE]\n\ndata: {"truncated":\n\ndata: plain text\n\ndata: 42\n\n'],
	},
	{
		name: 'multi-byte UTF-8',
		parts: [
			'event: 🔄\ndata: {"label":"🔄","buttons":["⬅️","➡️","⬆️","⬇️"]}\ndata: 日本語 é ️⃣ 🌈🍎🔧🖌️\n\n',
		],
	},
	{
		name: 'invalid UTF-8',
		parts: [
			'data: lone ',
			bytes(0xff),
			' truncated ',
			bytes(0xe2, 0x82),
			' overlong ',
			bytes(0xc0, 0xaf),
			'\n\ndata: cut at the end ',
			bytes(0xf0, 0x9f),
		],
	},
	{
		name: 'mixed line endings',
		asWritten: true,
		parts: ['data: crlf\r\ndata: cr\rdata: lf\n\r\n: comment\r\rdata: b\n\n'],
	},
	{
		name: '1 MB event',
		parts: ['data: before\n\n', `event: big\ndata: ${ONE_MB_JSON}\n\n`, 'data: after\n\n'],
	},
];

// --- differential tests ---------------------------------------------------------------------

describe.each([...FIXTURE_CASES, ...EDGE_CASES].map((c) => [c.name, c] as const))(
	'%s',
	(_name, streamCase) => {
		describe.each(variants(streamCase))('%s line endings', (_eol, stream) => {
			const endsInCr = stream[stream.length - 1] === 0x0d;
			const oracleWhole = () => runOracle([stream], endsInCr);
			const oracle = (chunks: Uint8Array[]) =>
				stream.length > ORACLE_CHUNKED_MAX_BYTES ? oracleWhole() : runOracle(chunks, endsInCr);

			test('whole stream', () => {
				const oracleLog = oracleWhole();
				expect(oracleLog.length).toBeGreaterThan(0);
				expectSame(runOurs([stream]), oracleLog, 'whole stream');
			});

			test('one byte at a time', () => {
				const chunks = oneByteAtATime(stream);
				expectSame(runOurs(chunks), oracle(chunks), 'one byte at a time');
			});

			test(`${RANDOM_RUNS} random chunkings`, () => {
				const expected = stream.length > ORACLE_CHUNKED_MAX_BYTES ? oracleWhole() : undefined;
				for (let run = 0; run < RANDOM_RUNS; run++) {
					const seed = SEED_BASE + run;
					const chunks = randomChunks(stream, seed);
					expectSame(
						runOurs(chunks),
						expected ?? oracle(chunks),
						`randomChunks(stream, ${seed}): ${chunks.length} chunks`,
					);
				}
			});
		});
	},
);

// --- direct assertions, no oracle -----------------------------------------------------------

function parse(chunks: Array<Uint8Array | string>): { events: SseEvent[]; comments: string[] } {
	const events: SseEvent[] = [];
	const comments: string[] = [];
	const parser = new SseParser(
		(e) => events.push(e),
		(c) => comments.push(c),
	);
	for (const chunk of chunks) parser.feed(chunk);
	parser.end();
	return { events, comments };
}

describe('SseParser', () => {
	test('the docs fixtures are present', () => {
		expect(FIXTURE_NAMES.length).toBeGreaterThanOrEqual(6);
	});

	test('the docs imagine stream yields its 7 events in order', () => {
		const { events } = parse([encoder.encode(readFixture('imagine.txt'))]);
		const payloads = events.map((e) => JSON.parse(e.data));
		const jobId = payloads[0].jobId;

		expect(events.every((e) => e.event === 'message' && e.id === undefined)).toBe(true);
		expect(payloads.map((p) => p.event)).toEqual([
			'initialized',
			'midjourney_created',
			...Array(4).fill('midjourney_progress'),
			'midjourney_completed',
		]);
		expect(jobId).toMatch(/^j1024181125701303160i-/);
		expect(payloads.slice(1).map((p) => p.job.jobid)).toEqual(Array(6).fill(jobId));
		expect(payloads.slice(1).map((p) => p.job.status)).toEqual([
			'created',
			...Array(4).fill('progress'),
			'completed',
		]);
		expect(payloads.slice(2, 6).map((p) => p.job.response.progress_percent)).toEqual([
			0, 15, 38, 96,
		]);
		expect(payloads.map((p) => p.seq)).toEqual([0, 12, 17, 24, 26, 32, 34]);
		expect(payloads[6].job.response.buttons).toContain('🔄');
	});

	test('every docs event is a default-type message; all but the elided guide examples are JSON', () => {
		for (const name of FIXTURE_NAMES) {
			const { events } = parse([encoder.encode(readFixture(name))]);
			expect(events.length).toBeGreaterThan(0);
			events.forEach((e, i) => {
				expect(e.event).toBe('message');
				const elided = name === 'sse-streaming-guide.txt' && i > 0; // `{...}` in the docs
				if (elided) expect(() => JSON.parse(e.data)).toThrow();
				else expect(typeof JSON.parse(e.data).event).toBe('string');
			});
		}
	});

	test('retry: only ASCII digits set the reconnection time, which persists', () => {
		const { events } = parse([
			'data: none yet\n\nretry: 2500\n\ndata: a\n\nretry: abc\nretry: 3 000\nretry: -1\ndata: b\n\n',
		]);
		expect(events.map((e) => [e.data, e.retry])).toEqual([
			['none yet', undefined],
			['a', 2500],
			['b', 2500],
		]);
	});

	test('the last event ID persists, also when set in a block without data', () => {
		const { events } = parse(['id: 1\n\ndata: a\n\ndata: b\n\nid:\ndata: c\n\n']);
		expect(events.map((e) => [e.data, e.id])).toEqual([
			['a', '1'],
			['b', '1'],
			['c', undefined],
		]);
	});

	test('an id containing NUL is ignored, keeping the previous one', () => {
		const { events } = parse(['id: ok\ndata: a\n\nid: bad\0id\ndata: b\n\n']);
		expect(events.map((e) => e.id)).toEqual(['ok', 'ok']);
	});

	test('a BOM is stripped once, at the start of the stream only', () => {
		const bom = bytes(0xef, 0xbb, 0xbf);
		const split = parse([bom.subarray(0, 1), bom.subarray(1), encoder.encode('data: a\n\n')]);
		expect(split.events.map((e) => e.data)).toEqual(['a']);

		expect(parse(['\uFEFFdata: a\n\n']).events.map((e) => e.data)).toEqual(['a']);

		const mid = parse(['\uFEFFdata: a\n\n\uFEFFdata: hidden\n\ndata: \uFEFFb\n\n']);
		expect(mid.events.map((e) => e.data)).toEqual(['a', '\uFEFFb']);
	});

	test('CR ending one chunk and LF starting the next are one line end', () => {
		const { events } = parse(['data: a\r', '\ndata: b\r', '', '\n\r', '\n']);
		expect(events.map((e) => e.data)).toEqual(['a\nb']);
	});

	test('an event ending in CR is dispatched at once, not held for a possible LF', () => {
		const events: SseEvent[] = [];
		new SseParser((e) => events.push(e)).feed('data: now\r\r');
		expect(events.map((e) => e.data)).toEqual(['now']);
	});

	test('an event not closed by a blank line is discarded at end()', () => {
		expect(parse(['data: a\n\ndata: b\n']).events.map((e) => e.data)).toEqual(['a']);
		expect(parse(['data: a\n\ndata: b\n\r']).events.map((e) => e.data)).toEqual(['a', 'b']);
	});

	test('a character split across chunks is decoded once complete', () => {
		const stream = encoder.encode('event: 🔄\ndata: ⬅️ é\n\n');
		const { events } = parse(oneByteAtATime(stream));
		expect(events).toEqual([{ event: '🔄', data: '⬅️ é' }]);
	});

	test('comments are reported without one leading space', () => {
		expect(parse([':a\n: b\n:  c\n:\n']).comments).toEqual(['a', 'b', ' c', '']);
	});

	test('after end() a new stream can be fed; the last event ID carries over', () => {
		const events: SseEvent[] = [];
		const parser = new SseParser((e) => events.push(e));
		parser.feed('id: 9\ndata: first\n\ndata: cut');
		parser.end();
		parser.feed('\uFEFFdata: second\n\n');
		parser.end();
		expect(events).toEqual([
			{ event: 'message', data: 'first', id: '9' },
			{ event: 'message', data: 'second', id: '9' },
		]);
	});

	test('an unterminated line cannot grow past the bound: the parser throws', () => {
		const parser = new SseParser(() => undefined);
		const piece = 'x'.repeat(64 * 1024);
		expect(() => {
			for (let i = 0; i <= MAX_BUFFERED_CHARS / piece.length; i++) parser.feed(`data: ${piece}`);
		}).toThrow(SseBufferOverflowError);
	});

	test('an event that never ends (data lines without a blank line) is bounded too', () => {
		const parser = new SseParser(() => undefined);
		const line = `data: ${'y'.repeat(64 * 1024)}\n`;
		expect(() => {
			for (let i = 0; i <= MAX_BUFFERED_CHARS / (64 * 1024); i++) parser.feed(line);
		}).toThrow(SseBufferOverflowError);
	});

	test('big events below the bound pass, again and again', () => {
		const events: SseEvent[] = [];
		const parser = new SseParser((e) => events.push(e));
		const data = 'z'.repeat(MAX_BUFFERED_CHARS / 2);
		for (let i = 0; i < 4; i++) {
			parser.feed(`data: ${data.slice(0, 1000)}`);
			parser.feed(`${data.slice(1000)}\n\n`);
		}
		expect(events.map((e) => e.data.length)).toEqual(Array(4).fill(data.length));
	});
});

