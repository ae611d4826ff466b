/** First pause before resubmitting a command the API did not process (its ceiling; jittered below it). */
export const NOT_PROCESSED_FIRST_MS = 1000;
/** Longest pause between two resubmits of a command the API did not process. */
export const NOT_PROCESSED_CAP_MS = 4000;

/**
 * The pause before resubmit number `attempt` (1, 2, …) of a command the API answered with
 * "Failed to process your command": nothing was created, so it is sent again until the item's
 * Timeout. The ceiling doubles from 1 s up to 4 s, and the pause is drawn between half the
 * ceiling and the ceiling (`random` in [0, 1)), so items refused together do not return together.
 */
export function notProcessedBackoffMs(attempt: number, random: number = Math.random()): number {
	const doublings = Math.max(0, Math.floor(attempt) - 1);
	const ceiling = Math.min(NOT_PROCESSED_CAP_MS, NOT_PROCESSED_FIRST_MS * 2 ** doublings);
	const share = Math.min(Math.max(random, 0), 1);
	return ceiling / 2 + (share * ceiling) / 2;
}
