import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobIdFormat } from './JobIdFormat';
import {
	decodeLedger,
	encodeLedger,
	itemsThatFit,
	LedgerFullError,
	ledgerLength,
} from './callbackLedger';

/**
 * Custom data keys n8n keeps per execution (n8n-core's KV_LIMIT, 10 in 2.30 through 2.41): a key
 * beyond them is dropped without a word. Upstream nodes and other pausing nodes share them.
 */
export const CUSTOM_DATA_KEYS = 10;

export function ledgerKeyPrefix(nodeId: string): string {
	return `mjwait_${nodeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}_`;
}

/** Keys other nodes hold; this node's own (an earlier run of it, in a loop) are its to reuse. */
function keysOfOthers(context: IExecuteFunctions): number {
	const prefix = ledgerKeyPrefix(context.getNode().id);
	return Object.keys(context.customData.getAll()).filter((key) => !key.startsWith(prefix)).length;
}

/**
 * Refuses, before any job is submitted (and paid for), a batch whose job ids may not fit in the
 * custom data keys left free; the ids' longest form comes from the API's job id format.
 */
export function checkBatchFits(
	context: IExecuteFunctions,
	jobIds: JobIdFormat,
	itemCount: number,
): void {
	const taken = keysOfOthers(context);
	const fit = itemsThatFit(jobIds, CUSTOM_DATA_KEYS - taken);
	if (itemCount <= fit) return;
	const used = taken > 0 ? ` ${taken} of n8n's 10 custom data keys are used by other nodes.` : '';
	throw new NodeOperationError(
		context.getNode(),
		`Pause Until Callback can wait for at most ${fit} items in this execution (got ${itemCount})`,
		{
			description: `The node keeps the job ids in the execution's custom data, which n8n limits.${used} Nothing was submitted. Split the batch with Loop Over Items (Batch Size ${fit || 1} or less${taken > 0 ? ', and free custom data keys' : ''}), or set Wait for Completion to Poll.`,
		},
	);
}

/**
 * Writes each item's ledger entry (its job id, or why it has none) into the keys it needs, then
 * reads them back: n8n drops a key beyond its limit silently. Throws LedgerFullError.
 */
export function writeLedger(
	context: IExecuteFunctions,
	jobIds: JobIdFormat,
	entries: string[],
): void {
	const free = CUSTOM_DATA_KEYS - keysOfOthers(context);
	const values = encodeLedger(entries, jobIds, free);
	const prefix = ledgerKeyPrefix(context.getNode().id);
	values.forEach((value, key) => context.customData.set(`${prefix}${key}`, value));
	const kept = values.filter((value, key) => context.customData.get(`${prefix}${key}`) === value);
	if (kept.length !== values.length) {
		throw new LedgerFullError(
			`n8n kept ${kept.length} of the ${values.length} custom data values holding the job ids`,
		);
	}
}

/** The job ids the paused execution waits for, in item order. */
export function readLedger(context: IWebhookFunctions, jobIds: JobIdFormat): string[] {
	const prefix = ledgerKeyPrefix(context.getNode().id);
	// The context's own customData, not `$execution.customData` in an expression: n8n ≥ 2.41
	// evaluates expressions in an isolate where that call returns nothing.
	const length = ledgerLength(context.customData.get(`${prefix}0`));
	if (length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'This execution has no record of the jobs it waits for',
			{
				description:
					"Its custom data was cleared or exceeded n8n's limit of 10 keys. Read the jobs with Job → Get.",
			},
		);
	}
	const values = Array.from({ length }, (_, key) => context.customData.get(`${prefix}${key}`));
	return decodeLedger(values, jobIds);
}
