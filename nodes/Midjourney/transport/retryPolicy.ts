import type { INode } from 'n8n-workflow';
import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';

import { apiErrorFromResponse } from './apiError';
import type { ApiEndpoint } from './ApiEndpoint';
import { notProcessedBackoffMs } from './notProcessedBackoff';
import type { ApiResponse } from './types';

export interface RetryPolicy {
	/** Random pause between busy retries, spreading simultaneous items apart. */
	busyRetryMs: { min: number; max: number };
	/** How long the caller may still wait in total. */
	remainingMs: () => number;
	cancelSignal?: AbortSignal;
	/**
	 * For a 429 that names a busy channel: resolves true once a slot looks free (then the submit
	 * is retried at once), false when the slot cannot be watched (then the pause applies).
	 */
	waitForSlot?: (busyBody: unknown) => Promise<boolean>;
}

function jitter({ min, max }: { min: number; max: number }): number {
	return min + Math.random() * (max - min);
}

/**
 * useapi.net documents that a 503 saying "Failed to process your command" means the command
 * never reached Midjourney, so sending it again cannot create a second job. The phrase is in
 * the body's `response.content` (the docs' example: `error` only says "Discord Agent Status
 * 503"), so the whole body is searched. Any other failure after a submit might have created
 * a job, and is never resubmitted.
 */
export function commandWasNotProcessed(response: ApiResponse): boolean {
	if (response.statusCode !== 503) return false;
	const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	return /failed to process your command/i.test(body ?? '');
}

/**
 * Submits a job, waiting out a busy channel (429) and resubmitting only what the API says it
 * did not process (503, with a growing pause), both until the item's Timeout. Returns the first
 * answer that is neither.
 */
export async function submitWithRetry(
	node: INode,
	endpoint: ApiEndpoint,
	submit: () => Promise<ApiResponse>,
	policy: RetryPolicy,
	itemIndex: number,
): Promise<ApiResponse> {
	let busyAnswers = 0;
	let notProcessedAnswers = 0;
	const startedAt = Date.now();
	const waitedSeconds = () => Math.round((Date.now() - startedAt) / 1000);
	/** Pauses before the next submit, or throws the answer's error when the Timeout comes first. */
	const pauseOrGiveUp = async (pause: number, response: ApiResponse, advice: string) => {
		if (pause >= policy.remainingMs()) {
			const replacesAction = response.statusCode !== 429;
			const { statusCode, body } = response;
			throw apiErrorFromResponse(node, endpoint, statusCode, body, itemIndex, advice, {
				replacesAction,
			});
		}
		await sleepUnlessAborted(pause, policy.cancelSignal);
	};
	for (;;) {
		const response = await submit();
		if (response.statusCode === 429) {
			busyAnswers++;
			if (await policy.waitForSlot?.(response.body)) continue;
			await pauseOrGiveUp(
				jitter(policy.busyRetryMs),
				response,
				`The node tried ${busyAnswers} time(s) over ${waitedSeconds()} s before its timeout.`,
			);
		} else if (commandWasNotProcessed(response)) {
			notProcessedAnswers++;
			await pauseOrGiveUp(
				notProcessedBackoffMs(notProcessedAnswers),
				response,
				`Nothing was created. The node sent it ${notProcessedAnswers} time(s) over ${waitedSeconds()} s, until the item's Timeout: raise Options → Timeout, or run the item again later.`,
			);
		} else {
			return response;
		}
	}
}
