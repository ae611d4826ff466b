import { maskPng as png } from './maskPng';
import { maskAreasFromPng } from '../../packages/midjourney-legnext/nodes/MidjourneyLegnext/apis/legnext/maskImage';

const square = (x: number, y: number) => x >= 256 && x < 768 && y >= 128 && y < 512;

describe('a binary inpaint mask as Legnext areas', () => {
	it.each([
		['gray, dynamic Huffman', { color: 0 as const, level: 9 }],
		['gray, stored blocks', { color: 0 as const, level: 0 }],
		['RGB', { color: 2 as const }],
		['RGBA', { color: 6 as const, level: 1 }],
	])('%s: one white rectangle is one area with its corners, clockwise', (_, format) => {
		const reading = maskAreasFromPng(png(1024, 1024, square, format));
		expect(reading).toEqual({
			areas: [{ width: 1024, height: 1024, points: [256, 128, 768, 128, 768, 512, 256, 512] }],
		});
	});

	it('two regions are two areas; a shape that is not a rectangle is covered by a few', () => {
		const two = maskAreasFromPng(
			png(1024, 768, (x, y) => (x < 200 && y < 200) || (x >= 600 && y >= 400)),
		);
		expect('areas' in two && two.areas.map((area) => area.points)).toEqual([
			[0, 0, 200, 0, 200, 200, 0, 200],
			[600, 400, 1024, 400, 1024, 768, 600, 768],
		]);
		const circle = maskAreasFromPng(
			png(1024, 1024, (x, y) => (x - 512) ** 2 + (y - 512) ** 2 < 200 ** 2),
		);
		expect('areas' in circle && circle.areas.length).toBeGreaterThan(5);
		expect('areas' in circle && circle.areas.length).toBeLessThanOrEqual(64);
	});

	it('says why a file cannot be a mask', () => {
		expect(maskAreasFromPng(png(1024, 1024, () => false))).toEqual({
			problem: 'it has no white region to repaint',
		});
		expect(maskAreasFromPng(png(256, 256, square))).toEqual({
			problem: expect.stringMatching(/256×256 pixels; Legnext needs 500–4096/),
		});
		expect(maskAreasFromPng(Buffer.from('GIF89a not a png'))).toEqual({
			problem: 'it is not a PNG image',
		});
		expect(
			maskAreasFromPng(
				png(1024, 1024, (x, y) => (Math.floor(x / 16) + Math.floor(y / 16)) % 2 === 0),
			),
		).toEqual({ problem: expect.stringMatching(/too many separate white regions/) });
		const cut = png(1024, 1024, square);
		expect(maskAreasFromPng(cut.subarray(0, cut.length - 40))).toEqual({
			problem: expect.stringMatching(/cut short|ends too early/),
		});
	});
});
