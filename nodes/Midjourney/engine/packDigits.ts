const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = BigInt(ALPHABET.length);

/** A run of decimal digits in base 62; the leading 1 keeps its leading zeros. */
export function packDigits(digits: string): string {
	let value = BigInt(`1${digits}`);
	let packed = '';
	while (value > 0n) {
		packed = ALPHABET[Number(value % BASE)] + packed;
		value /= BASE;
	}
	return packed;
}

export function unpackDigits(packed: string): string {
	let value = 0n;
	for (const char of packed) value = value * BASE + BigInt(ALPHABET.indexOf(char));
	return value.toString().slice(1);
}
