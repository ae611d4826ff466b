import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ErrorGuidance } from '../transport/ErrorGuidance';
import type { Job } from './job';

/** A job that ended moderated or failed, as an error that explains what to do. */
export function jobFailureError(
	node: INode,
	errors: ErrorGuidance,
	job: Job,
	itemIndex: number,
): NodeApiError {
	const reason = [job.error, job.errorDetails].filter(Boolean).join(': ');
	if (job.status === 'moderated') {
		return new NodeApiError(node, job as unknown as JsonObject, {
			message: `Midjourney moderated job ${job.jobid}${reason ? ` (${reason})` : ''}`,
			description:
				'Rephrase the prompt following the Midjourney community guidelines (or fix the parameters it names) and run again. Repeated moderation can get a Discord account flagged.',
			httpCode: '422',
			itemIndex,
		});
	}
	return new NodeApiError(node, job as unknown as JsonObject, {
		message: `Midjourney job ${job.jobid} failed${reason ? ` (${reason})` : ''}`,
		description:
			(job.code === 596 ? errors.lockedChannel : undefined) ??
			'Nothing was charged for the result. Run the node again; if it keeps failing, read the job with Job → Get for details.',
		httpCode: job.code ? String(job.code) : undefined,
		itemIndex,
	});
}
