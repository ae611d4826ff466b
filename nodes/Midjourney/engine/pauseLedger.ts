import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { jobApiOf } from '../apis/jobApiOf';
import { decodeLedger, encodeLedger, itemsThatFit, ledgerLength } from './callbackLedger';

/** Custom data keys one Pause Until Callback node may use. */
export const LEDGER_KEYS = 8;

export function ledgerKeyPrefix(nodeId: string): string {
	return `mjwait_${nodeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}_`;
}

/**
 * Refuses, before any job is submitted (and paid for), a batch whose job ids may not fit in the
 * custom data the node can use; the ids' longest form comes from the API's job id format.
 */
export function checkBatchFits(context: IExecuteFunctions, itemCount: number): void {
	const fit = itemsThatFit(jobApiOf(context).jobIds, LEDGER_KEYS);
	if (itemCount <= fit) return;
	throw new NodeOperationError(
		context.getNode(),
		`Pause Until Callback can wait for at most ${fit} items in one execution (got ${itemCount})`,
		{
			description: `The node keeps the job ids in the execution's custom data, which n8n limits. Nothing was submitted. Split the batch with Loop Over Items (Batch Size ${fit} or less), or set Wait for Completion to Poll.`,
		},
	);
}

/** Writes each item's ledger entry (its job id, or why it has none); throws LedgerFullError. */
export function writeLedger(context: IExecuteFunctions, entries: string[]): void {
	const values = encodeLedger(entries, jobApiOf(context).jobIds, LEDGER_KEYS);
	const prefix = ledgerKeyPrefix(context.getNode().id);
	for (let key = 0; key < LEDGER_KEYS; key++) {
		context.customData.set(`${prefix}${key}`, values[key] ?? '');
	}
}

/** The job ids the paused execution waits for, in item order. */
export function readLedger(context: IWebhookFunctions): string[] {
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
	return decodeLedger(values, jobApiOf(context).jobIds);
}
