import type { INode } from 'n8n-workflow';
import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

import { apiErrorFromResponse } from './apiError';
import type { ApiResponse } from './types';

export interface RetryPolicy {
	/** Random pause between busy retries, spreading simultaneous items apart. */
	busyRetryMs: { min: number; max: number };
	/** How long the caller may still wait in total. */
	remainingMs: () => number;
	cancelSignal?: AbortSignal;
}

/** How often "Failed to process your command" (503, no job created) is resubmitted. */
const MAX_NOT_PROCESSED_RETRIES = 3;

function jitter({ min, max }: { min: number; max: number }): number {
	return min + Math.random() * (max - min);
}

function errorText(body: unknown): string {
	if (body && typeof body === 'object') return String((body as { error?: unknown }).error ?? '');
	return typeof body === 'string' ? body : '';
}

/**
 * useapi.net documents that this 503 means the command never reached Midjourney, so sending
 * it again cannot create a second job. Any other failure after a submit might have created
 * one, and is never resubmitted.
 */
function commandWasNotProcessed(response: ApiResponse): boolean {
	return (
		response.statusCode === 503 && /failed to process your command/i.test(errorText(response.body))
	);
}

/**
 * Submits a job, waiting out a busy channel (429) and resubmitting only what the API says it
 * did not process. Returns the first answer that is neither.
 */
export async function submitWithRetry(
	node: INode,
	submit: () => Promise<ApiResponse>,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<ApiResponse> {
	let busyAnswers = 0;
	let notProcessedAnswers = 0;
	const startedAt = Date.now();
	for (;;) {
		const response = await submit();
		if (response.statusCode === 429) {
			busyAnswers++;
			const pause = jitter(policy.busyRetryMs);
			if (pause >= policy.remainingMs()) {
				const waited = Math.round((Date.now() - startedAt) / 1000);
				throw apiErrorFromResponse(
					node,
					429,
					response.body,
					itemIndex,
					`The node tried ${busyAnswers} time(s) over ${waited} s before its timeout.`,
				);
			}
			await sleepUnlessAborted(pause, policy.cancelSignal);
			continue;
		}
		if (commandWasNotProcessed(response) && notProcessedAnswers < MAX_NOT_PROCESSED_RETRIES) {
			notProcessedAnswers++;
			const pause = Math.min(jitter(policy.busyRetryMs), policy.remainingMs());
			await sleepUnlessAborted(pause, policy.cancelSignal);
			continue;
		}
		return response;
	}
}
