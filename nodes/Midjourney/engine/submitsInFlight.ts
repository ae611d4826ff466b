import type { IExecuteFunctions } from 'n8n-workflow';

import { sleepUnlessAborted } from '../helpers/sleepUnlessAborted';
import { runIndexOf } from './executionRun';

/**
 * Submits of this node run whose job id is not known yet. A lost submit looks for its job
 * among the running ones only once the other items' submits have settled: until then a job
 * it finds may be another item's, whose id has not reached the node yet. All items of one run
 * are in this process, so a count in memory is exact here.
 */
const inFlight = new Map<string, number>();
const SETTLE_MS = 5000;

function keyOf(context: IExecuteFunctions): string {
	return `${context.getExecutionId()}|${context.getNode().id}|${runIndexOf(context)}`;
}

/** Marks one submit as in flight; the returned function marks it settled (once). */
export function submitStarted(context: IExecuteFunctions): () => void {
	const key = keyOf(context);
	inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
	let settled = false;
	return () => {
		if (settled) return;
		settled = true;
		const left = (inFlight.get(key) ?? 1) - 1;
		if (left > 0) inFlight.set(key, left);
		else inFlight.delete(key);
	};
}

/** Waits (at most a few seconds) until no other submit of this run is in flight. */
export async function othersSettled(context: IExecuteFunctions): Promise<void> {
	const key = keyOf(context);
	const until = Date.now() + SETTLE_MS;
	while ((inFlight.get(key) ?? 0) > 0 && Date.now() < until) {
		await sleepUnlessAborted(100, context.getExecutionCancelSignal());
	}
}
