import { sleepUnlessAborted } from '../../helpers/sleepUnlessAborted';

import { SseParser } from '../../transport/SseParser';
import type { ByteStream } from '../../transport/types';
import type { Deadline } from '../../engine/Deadline';
import { isFinal, isJob } from '../../engine/job';
import type { StreamOutcome } from '../JobApi';

const DEADLINE: unique symbol = Symbol('deadline');

interface StreamPayload {
	event?: string;
	jobId?: string;
	job?: unknown;
	message?: string;
	error?: string;
}

function parsePayload(data: string): StreamPayload | undefined {
	try {
		const payload = JSON.parse(data) as unknown;
		return payload && typeof payload === 'object' ? (payload as StreamPayload) : undefined;
	} catch {
		// Non-JSON data lines (keep-alives and the like) carry nothing for us.
		return undefined;
	}
}

/** The parser of a job's events, writing what they tell into `outcome`. */
function eventReader(outcome: StreamOutcome, onJobId?: (jobid: string) => void): SseParser {
	const learnJobId = (jobid: string) => {
		if (outcome.jobid === jobid) return;
		outcome.jobid = jobid;
		onJobId?.(jobid);
	};
	return new SseParser((event) => {
		if (outcome.final) return;
		const payload = parsePayload(event.data);
		if (!payload) return;
		if (payload.event === 'initialized' && typeof payload.jobId === 'string') {
			learnJobId(payload.jobId);
		}
		if (payload.event === 'error') {
			outcome.interruption = `the stream reported an error: ${payload.message ?? payload.error ?? 'unknown'}`;
		}
		if (isJob(payload.job)) {
			outcome.job = payload.job;
			learnJobId(payload.job.jobid);
			outcome.final = isFinal(payload.job.status);
		}
	});
}

/**
 * Feeds the stream to the parser until a final event, its end or the deadline. A silent stream
 * (a queued or stuck job sends nothing) must not hold the node past its deadline: each read
 * races the deadline, and a read still pending then is abandoned.
 */
async function readUntilFinal(
	stream: ByteStream,
	parser: SseParser,
	outcome: StreamOutcome,
	deadline: Deadline,
): Promise<void> {
	const stopWatch = new AbortController();
	const deadlinePassed: Promise<typeof DEADLINE> = sleepUnlessAborted(
		deadline.remainingMs(),
		stopWatch.signal,
	).then(
		() => DEADLINE,
		() => DEADLINE,
	);
	const reader = stream[Symbol.asyncIterator]();
	try {
		for (;;) {
			const read = reader.next();
			const next = await Promise.race([read, deadlinePassed]);
			if (next === DEADLINE) {
				outcome.timedOut = true;
				// Its rejection once the stream is destroyed is expected: nothing waits for it.
				read.catch(() => outcome.timedOut);
				return;
			}
			if (next.done) return;
			parser.feed(next.value);
			if (outcome.final) return;
		}
	} finally {
		stopWatch.abort();
	}
}

/**
 * Reads a job's SSE stream until its final event, the deadline, or the connection's end.
 * The deadline ends the stream by destroying it: n8n's HTTP helper ignores our own abort
 * signals (it always uses the execution's), so that is the one way to stop the request.
 */
export async function followJobStream(
	stream: ByteStream,
	deadline: Deadline,
	onJobId?: (jobid: string) => void,
): Promise<StreamOutcome> {
	const outcome: StreamOutcome = { final: false, timedOut: false };
	const parser = eventReader(outcome, onJobId);
	try {
		await readUntilFinal(stream, parser, outcome, deadline);
		parser.end();
		if (!outcome.final && !outcome.interruption && !outcome.timedOut) {
			outcome.interruption = 'the connection closed before the job finished';
		}
	} catch (error) {
		outcome.interruption = `the connection failed: ${(error as Error).message}`;
	} finally {
		stream.destroy();
	}
	return outcome;
}
