import { createParser } from 'eventsource-parser';

import { SseParser } from '../nodes/Midjourney/transport/SseParser';
import { readFixtures } from './fixtures';
import { record, setting } from './report';

const MB = 1_000_000;
const TOTAL_BYTES = setting('BENCH_PARSER_BYTES', 4 * MB);
const TINY_TOTAL_BYTES = setting('BENCH_PARSER_TINY_BYTES', 1 * MB);
const REPEATS = setting('BENCH_PARSER_REPEATS', 7);

interface Outcome {
	events: number;
	dataChars: number;
}

/** The recorded streams of test/fixtures/sse (settings/blend/imagine ... events), repeated to `bytes`. */
function corpus(bytes: number, only?: string[]): string {
	const mix = readFixtures(only)
		.map((text) => `${text.trim()}\n\n`)
		.join('');
	return mix.repeat(Math.ceil(bytes / new TextEncoder().encode(mix).length));
}

function split<T extends string | Uint8Array>(whole: T, size: number | (() => number)): T[] {
	const pieces: T[] = [];
	for (let at = 0; at < whole.length; ) {
		const n = typeof size === 'number' ? size : size();
		pieces.push(whole.slice(at, at + n) as T);
		at += n;
	}
	return pieces;
}

/** Deterministic 1–3 piece sizes: the worst case a byte-trickling connection produces. */
function tinySizes() {
	let seed = 7;
	return () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return 1 + (seed % 3);
	};
}

const ours = {
	text(chunks: string[]): Outcome {
		const outcome = { events: 0, dataChars: 0 };
		const parser = new SseParser((event) => {
			outcome.events++;
			outcome.dataChars += event.data.length;
		});
		for (const chunk of chunks) parser.feed(chunk);
		return outcome;
	},
	bytes(chunks: Uint8Array[]): Outcome {
		const outcome = { events: 0, dataChars: 0 };
		const parser = new SseParser((event) => {
			outcome.events++;
			outcome.dataChars += event.data.length;
		});
		for (const chunk of chunks) parser.feed(chunk);
		return outcome;
	},
};

const theirs = {
	text(chunks: string[]): Outcome {
		const outcome = { events: 0, dataChars: 0 };
		const parser = createParser({
			onEvent: (event) => {
				outcome.events++;
				outcome.dataChars += event.data.length;
			},
		});
		for (const chunk of chunks) parser.feed(chunk);
		return outcome;
	},
	/** eventsource-parser takes text only: bytes go through a streaming TextDecoder first, as a client must. */
	bytes(chunks: Uint8Array[]): Outcome {
		const outcome = { events: 0, dataChars: 0 };
		const decoder = new TextDecoder();
		const parser = createParser({
			onEvent: (event) => {
				outcome.events++;
				outcome.dataChars += event.data.length;
			},
		});
		for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
		return outcome;
	},
};

/** Median MB/s over REPEATS runs, after one warm-up run; checks both parsers saw the same events. */
function throughput<T>(
	parse: (chunks: T[]) => Outcome,
	chunks: T[],
	bytes: number,
): { mbps: number; outcome: Outcome } {
	const outcome = parse(chunks);
	const speeds: number[] = [];
	for (let run = 0; run < REPEATS; run++) {
		const started = performance.now();
		parse(chunks);
		const seconds = (performance.now() - started) / 1000;
		speeds.push(bytes / MB / seconds);
	}
	speeds.sort((a, b) => a - b);
	return { mbps: speeds[Math.floor(speeds.length / 2)], outcome };
}

test('SSE parser throughput: SseParser vs eventsource-parser', () => {
	const rows: string[] = [];
	const cases = [
		{ name: '16 KB chunks', total: TOTAL_BYTES, size: () => 16 * 1024 },
		{
			name: '16 KB chunks, blend + settings streams only (mostly 2–5 KB events)',
			total: TOTAL_BYTES,
			size: () => 16 * 1024,
			only: ['blend.txt', 'settings.txt'],
		},
		{ name: '1–3 byte chunks (worst case)', total: TINY_TOTAL_BYTES, size: tinySizes },
	];
	for (const { name, total, size, only } of cases) {
		const text = corpus(total, only);
		const bytes = new TextEncoder().encode(text);
		const textChunks = split(text, size());
		const byteChunks = split(bytes, size());
		for (const [input, oursRun, theirsRun] of [
			[
				'text',
				() => throughput(ours.text, textChunks, bytes.length),
				() => throughput(theirs.text, textChunks, bytes.length),
			],
			[
				'bytes',
				() => throughput(ours.bytes, byteChunks, bytes.length),
				() => throughput(theirs.bytes, byteChunks, bytes.length),
			],
		] as const) {
			const a = oursRun();
			const b = theirsRun();
			if (a.outcome.events !== b.outcome.events || a.outcome.dataChars !== b.outcome.dataChars) {
				throw new Error(
					`${name}/${input}: the parsers disagree (${JSON.stringify(a.outcome)} vs ${JSON.stringify(b.outcome)})`,
				);
			}
			rows.push(
				`| ${name} | ${input === 'text' ? 'strings' : 'bytes (eventsource-parser behind a TextDecoder)'} | ${(bytes.length / MB).toFixed(1)} MB, ${a.outcome.events} events | ${a.mbps.toFixed(0)} MB/s | ${b.mbps.toFixed(0)} MB/s | **${(a.mbps / b.mbps).toFixed(2)}** |`,
			);
		}
	}

	record('3. SSE parser throughput', [
		'nodes/Midjourney/transport/SseParser.ts against eventsource-parser 3.0.6 (`createParser`), on the recorded streams of test/fixtures/sse/*.txt (59 events of imagine, blend, describe, seed, settings, info … streams: 0.1–5 KB each, median 0.6 KB) repeated to the size shown, fed the same chunks. MB = 10⁶ bytes; median of ' +
			`${REPEATS} runs after a warm-up; both parsers must report the same events and data. Ratio = SseParser ÷ eventsource-parser (target ≥ 1.0).`,
		'',
		'| chunking | input | stream | SseParser | eventsource-parser | ratio |',
		'|---|---|---|---|---|---|',
		...rows,
	]);
});
