import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Job } from '../engine/job';

/** How many recent events are remembered: plenty for re-deliveries, small enough to save often. */
export const DELIVERY_LOG_SIZE = 200;

const LOG_KEY = 'startedEvents';

/**
 * What makes an event: the job and its status, plus the percentage for progress events
 * (useapi.net reports status "progress" once per step).
 */
export function eventKey(job: Job): string {
	const key = `${job.jobid}#${job.status}`;
	return job.status === 'progress' ? `${key}@${job.response?.progress_percent ?? '?'}` : key;
}

function entries(staticData: IDataObject): string[] {
	const value = staticData[LOG_KEY];
	return Array.isArray(value)
		? value.filter((entry): entry is string => typeof entry === 'string')
		: [];
}

/** Whether an execution was already started for this event. */
export function alreadyStarted(staticData: IDataObject, key: string): boolean {
	return entries(staticData).includes(key);
}

/**
 * Remembers the event in the node's workflow static data (a new array is assigned, so n8n's
 * change tracking sees it). n8n saves static data changed by webhook() once it has handled
 * the request (LiveWebhooks.executeWebhook → WorkflowStaticDataService.saveStaticData).
 */
export function rememberStarted(staticData: IDataObject, key: string): void {
	staticData[LOG_KEY] = [...entries(staticData).filter((entry) => entry !== key), key].slice(
		-DELIVERY_LOG_SIZE,
	);
}

/**
 * rememberStarted for a request that starts an execution. In n8n 2.30.8, WorkflowRunner.run()
 * first builds a Workflow over the very same static data object, and that resets its change
 * flag, so LiveWebhooks then skips saving it: the log would only be saved while the
 * workflow's static data was still empty (null in the database). run() awaits database (or queue) I/O before n8n saves, so marking the log
 * again on the next timer turn lands in between and the save happens. Should that window
 * ever be missed, the result is only what n8n does without this: the entry is not saved.
 */
export function rememberStartedForExecution(staticData: IDataObject, key: string): void {
	rememberStarted(staticData, key);
	void sleep(0).then(() => rememberStarted(staticData, key));
}
