/**
 * A black-and-white PNG mask as Legnext's inpaint `areas`: Legnext takes polygons or a mask
 * URL and has no upload, so a mask that is only in n8n is turned into rectangles here. Node
 * code may not import zlib, hence the small inflate below (RFC 1951, after puff.c).
 */

export interface MaskArea {
	width: number;
	height: number;
	points: number[];
}

export type MaskReading = { areas: MaskArea[] } | { problem: string };

/** Legnext's limits for an area's width and height: the image's size in pixels. */
const MIN_SIDE = 500;
const MAX_SIDE = 4096;
/** More rectangles than this is not a mask drawn by hand: ask for a simpler one or a URL. */
export const MAX_AREAS = 64;
/** The mask is read on a grid of at most this many cells per side. */
const GRID = 128;

class MaskError extends Error {}

// ---- inflate -----------------------------------------------------------------------------

const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman {
	counts: number[];
	symbols: number[];
}

function huffman(lengths: number[]): Huffman {
	const counts = new Array<number>(16).fill(0);
	for (const length of lengths) counts[length]++;
	counts[0] = 0;
	const offsets = new Array<number>(16).fill(0);
	for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len] + counts[len];
	const symbols = new Array<number>(lengths.length).fill(0);
	lengths.forEach((length, symbol) => {
		if (length !== 0) symbols[offsets[length]++] = symbol;
	});
	return { counts, symbols };
}

class Inflater {
	private pos = 0;

	private bitBuffer = 0;

	private bitCount = 0;

	private length = 0;

	constructor(
		private readonly input: Uint8Array,
		private readonly output: Uint8Array,
	) {}

	private bits(need: number): number {
		let value = this.bitBuffer;
		while (this.bitCount < need) {
			if (this.pos >= this.input.length) throw new MaskError('the image data ends too early');
			value |= this.input[this.pos++] << this.bitCount;
			this.bitCount += 8;
		}
		this.bitBuffer = value >>> need;
		this.bitCount -= need;
		return value & ((1 << need) - 1);
	}

	private put(byte: number): void {
		if (this.length >= this.output.length)
			throw new MaskError('the image data is longer than its size');
		this.output[this.length++] = byte;
	}

	private decode({ counts, symbols }: Huffman): number {
		let code = 0;
		let first = 0;
		let index = 0;
		for (let len = 1; len < 16; len++) {
			code |= this.bits(1);
			const count = counts[len];
			if (code - count < first) return symbols[index + (code - first)];
			index += count;
			first = (first + count) << 1;
			code <<= 1;
		}
		throw new MaskError('the image data is corrupt');
	}

	private stored(): void {
		this.bitBuffer = 0;
		this.bitCount = 0;
		if (this.pos + 4 > this.input.length) throw new MaskError('the image data ends too early');
		const len = this.input[this.pos] | (this.input[this.pos + 1] << 8);
		this.pos += 4;
		if (this.pos + len > this.input.length) throw new MaskError('the image data ends too early');
		for (let i = 0; i < len; i++) this.put(this.input[this.pos++]);
	}

	private codes(lengthCodes: Huffman, distCodes: Huffman): void {
		for (;;) {
			let symbol = this.decode(lengthCodes);
			if (symbol < 256) {
				this.put(symbol);
				continue;
			}
			if (symbol === 256) return;
			symbol -= 257;
			if (symbol >= 29) throw new MaskError('the image data is corrupt');
			const len = LENGTH_BASE[symbol] + this.bits(LENGTH_EXTRA[symbol]);
			const distSymbol = this.decode(distCodes);
			if (distSymbol >= 30) throw new MaskError('the image data is corrupt');
			const dist = DIST_BASE[distSymbol] + this.bits(DIST_EXTRA[distSymbol]);
			if (dist > this.length) throw new MaskError('the image data is corrupt');
			for (let i = 0; i < len; i++) this.put(this.output[this.length - dist]);
		}
	}

	private fixed(): void {
		const lengths = new Array<number>(288);
		lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
		this.codes(huffman(lengths), huffman(new Array<number>(30).fill(5)));
	}

	private dynamic(): void {
		const nlen = this.bits(5) + 257;
		const ndist = this.bits(5) + 1;
		const ncode = this.bits(4) + 4;
		const codeLengths = new Array<number>(19).fill(0);
		for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
		const lengthCode = huffman(codeLengths);
		const lengths: number[] = [];
		while (lengths.length < nlen + ndist) {
			const symbol = this.decode(lengthCode);
			if (symbol < 16) lengths.push(symbol);
			else {
				const previous = symbol === 16 ? lengths.at(-1) : 0;
				if (previous === undefined) throw new MaskError('the image data is corrupt');
				const repeat =
					symbol === 16 ? 3 + this.bits(2) : symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
				for (let i = 0; i < repeat; i++) lengths.push(previous);
			}
		}
		this.codes(huffman(lengths.slice(0, nlen)), huffman(lengths.slice(nlen, nlen + ndist)));
	}

	run(): number {
		let last = 0;
		while (!last) {
			last = this.bits(1);
			const type = this.bits(2);
			if (type === 0) this.stored();
			else if (type === 1) this.fixed();
			else if (type === 2) this.dynamic();
			else throw new MaskError('the image data is corrupt');
		}
		return this.length;
	}
}

/** A zlib stream (2-byte header, deflate, checksum) into `size` bytes. */
function inflateZlib(data: Uint8Array, size: number): Uint8Array {
	if (data.length < 2 || (data[0] & 0x0f) !== 8)
		throw new MaskError('the image data is not deflate');
	const output = new Uint8Array(size);
	const length = new Inflater(data.subarray(2), output).run();
	if (length !== size) throw new MaskError('the image data is shorter than its size');
	return output;
}

// ---- PNG ---------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Png {
	width: number;
	height: number;
	/** Whether the pixel at (x, y) is white (to repaint): light, and not transparent. */
	white(x: number, y: number): boolean;
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
	const out = new Uint8Array(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const row = y * (stride + 1) + 1;
		const at = y * stride;
		for (let x = 0; x < stride; x++) {
			const a = x >= bpp ? out[at + x - bpp] : 0;
			const b = y > 0 ? out[at - stride + x] : 0;
			const c = x >= bpp && y > 0 ? out[at - stride + x - bpp] : 0;
			const value = raw[row + x];
			const predicted =
				filter === 0
					? 0
					: filter === 1
						? a
						: filter === 2
							? b
							: filter === 3
								? (a + b) >> 1
								: filter === 4
									? paeth(a, b, c)
									: -1;
			if (predicted < 0) throw new MaskError('the image has an unknown row filter');
			out[at + x] = (value + predicted) & 0xff;
		}
	}
	return out;
}

function readPng(file: Uint8Array): Png {
	if (file.length < 8 || PNG_SIGNATURE.some((byte, i) => file[i] !== byte)) {
		throw new MaskError('it is not a PNG image');
	}
	const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
	let pos = 8;
	let header: { width: number; height: number; depth: number; color: number } | undefined;
	let palette: Uint8Array | undefined;
	const data: Uint8Array[] = [];
	while (pos + 8 <= file.length) {
		const length = view.getUint32(pos);
		const type = String.fromCharCode(...file.subarray(pos + 4, pos + 8));
		const body = file.subarray(pos + 8, pos + 8 + length);
		if (body.length !== length) throw new MaskError('the image is cut short');
		if (type === 'IHDR') {
			header = {
				width: view.getUint32(pos + 8),
				height: view.getUint32(pos + 12),
				depth: body[8],
				color: body[9],
			};
			if (body[12] !== 0)
				throw new MaskError('it is an interlaced PNG: save it without interlacing');
		} else if (type === 'PLTE') palette = body;
		else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') break;
		pos += 12 + length;
	}
	if (!header) throw new MaskError('the PNG has no header');
	const { width, height, depth, color } = header;
	const channels = CHANNELS[color];
	const depthOk =
		[8, 16].includes(depth) || ([1, 2, 4].includes(depth) && (color === 0 || color === 3));
	if (!channels || !depthOk)
		throw new MaskError(`its PNG format (color type ${color}, ${depth}-bit) is not supported`);
	if (color === 3 && !palette) throw new MaskError('the PNG has no palette');
	if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
		throw new MaskError(
			`it is ${width}×${height} pixels; Legnext needs ${MIN_SIDE}–${MAX_SIDE} on each side (the size of the image it masks)`,
		);
	}
	const stride = Math.ceil((width * channels * depth) / 8);
	const bpp = Math.max(1, (channels * depth) / 8);
	const joined = new Uint8Array(data.reduce((sum, part) => sum + part.length, 0));
	data.reduce((at, part) => (joined.set(part, at), at + part.length), 0);
	const pixels = unfilter(inflateZlib(joined, height * (stride + 1)), height, stride, bpp);
	const max = (1 << Math.min(depth, 8)) - 1;
	const sample = (x: number, y: number, channel: number): number => {
		const row = y * stride;
		if (depth >= 8) {
			const bytes = depth / 8;
			return pixels[row + (x * channels + channel) * bytes];
		}
		const bit = x * depth;
		return (pixels[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
	};
	const white = (x: number, y: number): boolean => {
		let r: number;
		let g: number;
		let b: number;
		let alpha = 255;
		if (color === 3) {
			const index = sample(x, y, 0) * 3;
			[r, g, b] = [palette![index], palette![index + 1], palette![index + 2]];
		} else if (color === 0 || color === 4) {
			r = g = b = (sample(x, y, 0) * 255) / max;
			if (color === 4) alpha = sample(x, y, 1);
		} else {
			[r, g, b] = [sample(x, y, 0), sample(x, y, 1), sample(x, y, 2)];
			if (color === 6) alpha = sample(x, y, 3);
		}
		return alpha >= 128 && (r + g + b) / 3 >= 128;
	};
	return { width, height, white };
}

// ---- areas -------------------------------------------------------------------------------

/**
 * The mask's white parts as rectangles on a grid of cells (a cell counts when most of its
 * pixels are white): runs of cells per row, merged down while the next row has the same run.
 */
function rectangles(png: Png): MaskArea[] {
	const { width, height } = png;
	const cell = Math.max(1, Math.ceil(Math.max(width, height) / GRID));
	const columns = Math.ceil(width / cell);
	const rows = Math.ceil(height / cell);
	// at most 8 × 8 pixels of a cell are looked at, evenly spread
	const step = Math.max(1, Math.floor(cell / 8));
	const on = (cx: number, cy: number): boolean => {
		let white = 0;
		let all = 0;
		for (let y = cy * cell; y < Math.min(height, (cy + 1) * cell); y += step) {
			for (let x = cx * cell; x < Math.min(width, (cx + 1) * cell); x += step) {
				all++;
				if (png.white(x, y)) white++;
			}
		}
		return white * 2 > all;
	};
	type Run = { from: number; to: number; top: number; bottom: number };
	let open: Run[] = [];
	const done: Run[] = [];
	for (let cy = 0; cy < rows; cy++) {
		const runs: Array<{ from: number; to: number }> = [];
		for (let cx = 0; cx < columns; cx++) {
			if (!on(cx, cy)) continue;
			const last = runs.at(-1);
			if (last && last.to === cx) last.to = cx + 1;
			else runs.push({ from: cx, to: cx + 1 });
		}
		const next: Run[] = [];
		for (const run of runs) {
			const same = open.find((o) => o.from === run.from && o.to === run.to);
			if (same) {
				same.bottom = cy + 1;
				next.push(same);
			} else next.push({ ...run, top: cy, bottom: cy + 1 });
		}
		done.push(...open.filter((o) => !next.includes(o)));
		open = next;
		if (done.length + open.length > MAX_AREAS) break;
	}
	done.push(...open);
	return done.map(({ from, to, top, bottom }) => {
		const [x1, y1] = [from * cell, top * cell];
		const [x2, y2] = [Math.min(width, to * cell), Math.min(height, bottom * cell)];
		// clockwise on the image (y grows downwards): top left, top right, bottom right, bottom left
		return { width, height, points: [x1, y1, x2, y1, x2, y2, x1, y2] };
	});
}

/** A PNG mask (white: repaint) as Legnext's inpaint areas, or why it cannot be. */
export function maskAreasFromPng(file: Uint8Array): MaskReading {
	try {
		const areas = rectangles(readPng(file));
		if (areas.length === 0) return { problem: 'it has no white region to repaint' };
		if (areas.length > MAX_AREAS) {
			return {
				problem: `it has too many separate white regions (more than ${MAX_AREAS} rectangles)`,
			};
		}
		return { areas };
	} catch (error) {
		// anything else a malformed file can cause (an index past an array's end…) is the same answer
		return {
			problem: error instanceof MaskError ? error.message : 'it could not be read as a PNG',
		};
	}
}
