import type { JobIdFormat } from '../engine/JobIdFormat';
import { packDigits, unpackDigits } from '../engine/packDigits';

/**
 * useapi.net's job ids (v2 and v3), e.g. j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney:
 * j + 19 digits (MMDDHHmmss and 9 more) + the job type letter, the useapi.net user, the Discord
 * channel (a snowflake, at most 20 digits). The user is taken to have at most 10 digits.
 */
const FORMAT = /^j(\d{1,19})([a-z]?)-u(\d{1,10})-c(\d{1,20})-bot:midjourney$/;

/** Base-62 widths of the three numbers at their longest: packed ids need no separator. */
const WIDTHS = [11, 6, 12];
const OFFSETS = WIDTHS.map((_, i) => WIDTHS.slice(0, i).reduce((sum, width) => sum + width, 0));
const NO_LETTER = '-';

export const useapiJobIds: JobIdFormat = {
	longest: `j${'9'.repeat(19)}v-u${'9'.repeat(10)}-c${'9'.repeat(20)}-bot:midjourney`,
	pack: (jobId) => {
		const parts = FORMAT.exec(jobId);
		if (!parts) return undefined;
		const [, head, letter, user, channel] = parts;
		const numbers = [head, user, channel].map((digits, i) =>
			packDigits(digits).padStart(WIDTHS[i], '0'),
		);
		return numbers.join('') + (letter || NO_LETTER);
	},
	unpack: (packed) => {
		const [h, u, c] = OFFSETS.map((at, i) => unpackDigits(packed.slice(at, at + WIDTHS[i])));
		const letter = packed.slice(-1) === NO_LETTER ? '' : packed.slice(-1);
		return `j${h}${letter}-u${u}-c${c}-bot:midjourney`;
	},
};
