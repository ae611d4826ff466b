import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { decodeLedger, LEDGER_KEYS, ledgerKeyPrefix } from './callbackLedger';
import { isFinal } from './job';
import type { JobOperation } from './JobOperation';
import { jobItems } from './jobItems';
import { readJobsIfAllFinal } from './readJobsIfAllFinal';

/** The answer that keeps the execution waiting (n8n replies 200 "Webhook call received"). */
const KEEP_WAITING: IWebhookResponseData = {};

function readLedger(context: IWebhookFunctions): string[] {
	const prefix = ledgerKeyPrefix(context.getNode().id);
	const values: string[] = [];
	for (let key = 0; key < LEDGER_KEYS; key++) {
		// The context's own customData, not `$execution.customData` in an expression: n8n ≥ 2.41
		// evaluates expressions in an isolate where that call returns nothing.
		const value = context.customData.get(`${prefix}${key}`);
		if (typeof value !== 'string' || value === '') break;
		values.push(value);
	}
	if (values.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'This execution has no record of the jobs it waits for',
			{
				description:
					"Its custom data was cleared or exceeded n8n's limit of 10 keys. Read the jobs with Job → Get.",
			},
		);
	}
	return decodeLedger(values);
}

/**
 * webhook() of a paused execution: useapi.net POSTs a job here on its final status. The body
 * only says which job moved; every job is re-read from the API (a body cannot inject a status
 * or URLs), and the execution resumes, once, when all of them are final.
 */
export async function resumeFromCallback(
	context: IWebhookFunctions,
	operation: JobOperation,
): Promise<IWebhookResponseData> {
	const body = (context.getBodyData() ?? {}) as IDataObject;
	const jobIds = readLedger(context);
	if (
		typeof body.jobid !== 'string' ||
		!jobIds.includes(body.jobid) ||
		!isFinal(body.status as string)
	) {
		return KEEP_WAITING;
	}
	const jobs = await readJobsIfAllFinal(context, jobIds);
	if (!jobs) return KEEP_WAITING;

	const items = [];
	for (const [itemIndex, job] of jobs.entries()) {
		if (!job) continue; // its submission failed; the paused run already reported it
		items.push(
			...(await jobItems(context, context.getNode(), operation, job, undefined, itemIndex, {
				failuresAsItems: true,
			})),
		);
	}
	return { workflowData: [items] };
}
