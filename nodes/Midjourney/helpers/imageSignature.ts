/** How many leading bytes tell the image formats Midjourney takes apart. */
export const SIGNATURE_BYTES = 12;

const startsWith = (head: Buffer, bytes: number[], at = 0) =>
	bytes.every((byte, index) => head[at + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The formats the APIs accept, by the signature their files start with. */
const FORMATS: Array<{ name: string; mime: string; matches: (head: Buffer) => boolean }> = [
	{
		name: 'PNG',
		mime: 'image/png',
		matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	},
	{ name: 'JPEG', mime: 'image/jpeg', matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]) },
	{
		name: 'WebP',
		mime: 'image/webp',
		matches: (head) => startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8),
	},
	{
		name: 'GIF',
		mime: 'image/gif',
		matches: (head) => startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')),
	},
];

export const ACCEPTED_FORMATS = FORMATS.map((format) => format.name).join(', ');

/** The image format a file's first bytes announce, if it is one the APIs take. */
export function imageFormatOf(head: Buffer): string | undefined {
	return FORMATS.find((format) => format.matches(head))?.name;
}

/** Whether a MIME type may hold an accepted image (a generic or missing type defers to the bytes). */
export function isImageMimeType(mimeType: string | undefined): boolean {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (type === '' || type === 'application/octet-stream') return true;
	return FORMATS.some((format) => format.mime === type) || type === 'image/jpg';
}
