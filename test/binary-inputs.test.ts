/**
 * Input images: each item's files are read when its job is submitted, not all before the first
 * submit (a batch of 1000 × 10 MB would hold 10 GB), and a file that is not an image (a PDF, a
 * text) is refused before any request, by its MIME type and by its first bytes.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import * as binaryHelpers from 'n8n-core/dist/execution-engine/node-execution-context/utils/binary-helper-functions';

import type { NodeName } from '../tools/harness/runNode';
import { useSimulator } from './helpers/simulatorSession';
import { useV1Simulator } from '../packages/midjourney-v1-api/test/v1Session';

const v3 = useSimulator();
const v1 = useV1Simulator();

// A valid 1x1 PNG.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const TEXT = Buffer.from('just some words, not a picture at all\n');

function withFile(bytes: Buffer, mimeType: string, property = 'data'): INodeExecutionData {
	const fileName = `in.${mimeType.split('/')[1]}`;
	return {
		json: {},
		binary: { [property]: { data: bytes.toString('base64'), mimeType, fileName } },
	};
}

const describeBinary = { operation: 'describe', imageSource: 'binary', binaryProperty: 'data' };
const blendBinary = {
	operation: 'blend',
	images: {
		image: [
			{ source: 'url', url: 'https://example.com/a.png' },
			{ source: 'binary', binaryProperty: 'data' },
		],
	},
};
const varyRegion = {
	operation: 'button',
	jobId: 'j1206120000123456789i-u12345-c1234567890123456789-bot:midjourney',
	button: 'Vary (Region)',
	maskSource: 'binary',
	maskBinaryProperty: 'data',
};

const SESSIONS = { midjourney: v3, midjourneyV1Api: v1 } as const;

async function run(
	node: keyof typeof SESSIONS,
	parameters: IDataObject,
	items: INodeExecutionData[],
) {
	return await SESSIONS[node].run(
		{ resource: 'job', waitMode: 'poll', ...parameters, options: { pollInterval: 0.1 } },
		{ inputItems: items },
	);
}

describe('input images are read when their job is submitted', () => {
	it.each(['midjourney', 'midjourneyV1Api'] as const)(
		'%s: 6 Describe items, 2 at a time: at most 2 files read before the first POST',
		async (node) => {
			const session = SESSIONS[node];
			const posts = () => session.jobPosts().length;
			let readBeforeFirstPost = 0;
			const original = binaryHelpers.getBinaryDataBuffer;
			jest.spyOn(binaryHelpers, 'getBinaryDataBuffer').mockImplementation(async (...args) => {
				if (posts() === 0) readBeforeFirstPost++;
				return await original(...args);
			});
			try {
				const result = await session.run(
					{
						resource: 'job',
						...describeBinary,
						waitMode: 'poll',
						options: { maxConcurrentJobs: 2, pollInterval: 0.1 },
					},
					{ inputItems: Array.from({ length: 6 }, () => withFile(PNG, 'image/png')) },
				);
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(6);
				expect(posts()).toBe(6);
				expect(readBeforeFirstPost).toBeLessThanOrEqual(2);
			} finally {
				jest.restoreAllMocks();
			}
		},
	);
});

const NOT_IMAGES: Array<[string, INodeExecutionData]> = [
	['a PDF', withFile(PDF, 'application/pdf')],
	['a text file', withFile(TEXT, 'text/plain')],
	['a text file labelled image/png', withFile(TEXT, 'image/png')],
	['a PNG labelled application/pdf', withFile(PNG, 'application/pdf')],
];

const INPUTS: Array<[string, NodeName & keyof typeof SESSIONS, IDataObject]> = [
	['MidjourneyV3 Describe', 'midjourney', describeBinary],
	['MidjourneyV3 Blend', 'midjourney', blendBinary],
	['MidjourneyV3 Vary (Region) mask', 'midjourney', varyRegion],
	['Midjourney /v1 API Describe', 'midjourneyV1Api', describeBinary],
	['Midjourney /v1 API Blend', 'midjourneyV1Api', blendBinary],
];

describe('a file that is not an image is refused before any request', () => {
	describe.each(INPUTS)('%s', (_name, node, parameters) => {
		it.each(NOT_IMAGES)('%s', async (_what, item) => {
			const result = await run(node, parameters, [item]);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/The file in "data" is not an image/);
			expect(result.error?.description).toMatch(/PNG, JPEG, WebP, GIF/);
			expect(SESSIONS[node].sim.log).toEqual([]);
		});
	});

	it('a real PNG still goes through', async () => {
		const result = await run('midjourney', describeBinary, [withFile(PNG, 'image/png')]);
		expect(result.error).toBeUndefined();
		expect(v3.jobPosts()).toHaveLength(1);
	});
});
