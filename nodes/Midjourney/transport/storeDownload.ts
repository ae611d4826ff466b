import type { ApiEndpoint } from './ApiEndpoint';
import type { IBinaryData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';
import type { DownloadRoute, MediaContext, OpenedMedia } from './downloadMedia';
import { DOWNLOAD_SILENCE_MS, openMedia } from './downloadMedia';
import { release } from './readStream';
import type { ByteStream, DownloadLimits } from './types';

/** How often a running download's time is checked. */
const CHECK_EVERY_MS = 250;

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < MB) return `${Math.round(bytes / 1024)} kB`;
	return `${Number((bytes / MB).toFixed(3))} MB`;
}

interface Progress {
	fileName: string;
	limits: DownloadLimits;
	itemIndex: number;
	startedAt: number;
	lastDataAt: number;
	received: number;
	/** The first reason the node itself ended the download. */
	failure?: Error;
}

function tooLarge(context: MediaContext, progress: Progress, declared?: number): Error {
	const { fileName, limits, itemIndex } = progress;
	const limit = megabytes(limits.maxBytes);
	const size = declared === undefined ? `larger than ${limit}` : megabytes(declared);
	return new NodeOperationError(
		context.getNode(),
		`${fileName} is ${size}, over Max Download Size (${limit})`,
		{
			itemIndex,
			description: `${
				declared === undefined
					? `The node stopped reading it at the limit.`
					: 'Refused from its Content-Length, before any of it was read.'
			} Raise Options → Max Download Size, or fetch the file from its URL elsewhere.`,
		},
	);
}

function timedOut(context: MediaContext, progress: Progress, stalled: boolean): Error {
	const { fileName, limits, itemIndex, received } = progress;
	const timeout = `Timeout (${limits.timeoutMs / 1000} s)`;
	return new NodeOperationError(
		context.getNode(),
		stalled
			? `Downloading ${fileName} stalled: nothing arrived for ${Math.round(Math.min(DOWNLOAD_SILENCE_MS, limits.timeoutMs) / 1000)} s (${timeout})`
			: `Downloading ${fileName} took longer than the ${timeout}`,
		{
			itemIndex,
			description: `${megabytes(received)} arrived before the node gave up. Raise Options → Timeout, or run again later.`,
		},
	);
}

/** Ends the download (rejects) when it runs past the Timeout or stalls; runs until `stop` aborts. */
async function watch(
	context: MediaContext,
	stream: ByteStream,
	progress: Progress,
	stop: AbortSignal,
): Promise<never> {
	const { timeoutMs } = progress.limits;
	const silenceMs = Math.min(DOWNLOAD_SILENCE_MS, timeoutMs);
	for (;;) {
		await sleepUnlessAborted(CHECK_EVERY_MS, stop);
		const now = Date.now();
		const late = now - progress.startedAt >= timeoutMs;
		const stalled = now - progress.lastDataAt >= silenceMs;
		if (late || stalled) {
			progress.failure ??= timedOut(context, progress, stalled && !late);
			stream.destroy(progress.failure);
			throw progress.failure;
		}
	}
}

/**
 * Streams an opened download into n8n's binary storage, within its limits: a Content-Length over
 * Max Download Size is refused before reading; the bytes are counted as they pass, so a missing
 * or wrong Content-Length is cut off at the limit too; the Timeout bounds the whole download.
 */
export async function storeDownload(
	context: MediaContext,
	opened: OpenedMedia,
	fileName: string,
	limits: DownloadLimits,
	itemIndex: number,
): Promise<IBinaryData> {
	const now = Date.now();
	const progress: Progress = {
		fileName,
		limits,
		itemIndex,
		startedAt: now,
		lastDataAt: now,
		received: 0,
	};
	const declared = Number(opened.contentLength);
	if (Number.isFinite(declared) && declared > limits.maxBytes) {
		await release(opened.stream);
		throw tooLarge(context, progress, declared);
	}
	const counted = opened.stream.map((chunk) => {
		progress.received += chunk.length;
		progress.lastDataAt = Date.now();
		if (progress.received > limits.maxBytes)
			throw (progress.failure ??= tooLarge(context, progress));
		return chunk;
	});
	const stop = new AbortController();
	try {
		return await Promise.race([
			context.helpers.prepareBinaryData(counted as unknown as Buffer, fileName, opened.mimeType),
			watch(context, opened.stream, progress, stop.signal),
		]);
	} catch (error) {
		throw progress.failure ?? error;
	} finally {
		stop.abort();
	}
}

/** Downloads a media URL into n8n binary data within `limits`; `nameFor` names the file from its type. */
export async function downloadBinary(
	context: MediaContext,
	endpoint: ApiEndpoint,
	url: string,
	route: DownloadRoute,
	limits: DownloadLimits,
	nameFor: (mimeType: string | undefined) => string,
	itemIndex: number,
): Promise<IBinaryData> {
	const opened = await openMedia(context, endpoint, url, route, itemIndex, limits.timeoutMs);
	return await storeDownload(context, opened, nameFor(opened.mimeType), limits, itemIndex);
}
