import type { IBinaryKeyData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../helpers/nodeError';
import type { MediaContext } from '../transport/downloadMedia';
import { downloadBinary } from '../transport/storeDownload';
import type { Job } from './job';
import type { MediaFile } from './jobMedia';
import { isSingleResult, jobMedia } from './jobMedia';
import type { OutputChoice } from './outputChoice';

/** What to fetch into n8n binary data once a job completed. */
export type DownloadChoice = 'none' | 'grid' | 'singles' | 'gridAndSingles' | 'split';

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpeg',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
};

function fileName(job: Job, file: MediaFile, mimeType: string | undefined): string {
	const fromUrl = /\.([a-z0-9]{2,5})(?:$|\?)/i.exec(new URL(file.url).pathname)?.[1];
	const extension = (mimeType && EXTENSIONS[mimeType]) ?? fromUrl ?? 'bin';
	const jobPrefix = job.jobid.split('-')[0];
	return `${jobPrefix}-${file.property}.${extension}`;
}

async function fetchBinary(
	context: MediaContext,
	job: Job,
	file: MediaFile,
	choice: OutputChoice,
	itemIndex: number,
) {
	// Streamed into n8n's binary store (not held in memory in filesystem/S3 binary mode).
	return await downloadBinary(
		context,
		choice.endpoint,
		file.url,
		choice.downloadVia,
		choice.limits,
		(mimeType) => fileName(job, file, mimeType),
		itemIndex,
	);
}

/**
 * The files a download choice takes. An upscale has only its one file, which every choice takes;
 * Grid Only on a job without a grid (an API's upscale or video job) takes its first file.
 */
export function selected(job: Job, choice: DownloadChoice): MediaFile[] {
	const files = jobMedia(job);
	if (isSingleResult(job) || choice === 'gridAndSingles') return files;
	if (choice === 'grid') {
		const grid = files.filter((file) => file.kind === 'grid');
		return grid.length > 0 ? grid : files.slice(0, 1);
	}
	return files.filter((file) => file.kind !== 'grid');
}

/** Where a file goes in its item: the chosen field when the item holds one file, else its own name. */
function binaryName(file: MediaFile, choice: OutputChoice): string {
	return choice.download === 'grid' ? choice.binaryProperty : file.property;
}

/** Builds the output item(s) of a completed job, with its media downloaded as chosen. */
export async function downloadResults(
	context: MediaContext,
	job: Job,
	json: IDataObject,
	choice: OutputChoice,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: itemIndex };
	if (choice.download === 'none') return [{ json, pairedItem }];
	const files = selected(job, choice.download);

	try {
		if (choice.download === 'split') {
			const items: INodeExecutionData[] = [];
			for (const [index, file] of files.entries()) {
				const data = await fetchBinary(context, job, file, choice, itemIndex);
				const media = { kind: file.kind, index: index + 1, url: file.url };
				items.push({
					json: { ...json, media },
					binary: { [choice.binaryProperty]: data },
					pairedItem,
				});
			}
			return items.length > 0 ? items : [{ json, pairedItem }];
		}
		const binary: IBinaryKeyData = {};
		for (const file of files) {
			binary[binaryName(file, choice)] = await fetchBinary(context, job, file, choice, itemIndex);
		}
		return [{ json, binary, pairedItem }];
	} catch (error) {
		const failure = error as Error & { description?: string | null };
		failure.description =
			`Job ${job.jobid} completed; only downloading its results failed, so nothing is lost: read it with Job → Get or Media → Download. ${failure.description ?? ''}`.trim();
		throw toNodeError(context.getNode(), failure, itemIndex);
	}
}
