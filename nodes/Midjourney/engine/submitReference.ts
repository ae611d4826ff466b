import type { IExecuteFunctions } from 'n8n-workflow';

import { runIndexOf } from './executionRun';
import type { PreparedJob } from './JobOperation';

/**
 * The replyRef the node sends when the user set none: unique to this execution, node run and
 * item, and echoed by the API in the job's `request`. After a submit whose answer was lost
 * (502/504, a reset, a timeout) it tells which running job, if any, that submit created.
 */
export function submitReference(context: IExecuteFunctions, prepared: PreparedJob): string {
	const node = context
		.getNode()
		.id.replace(/[^A-Za-z0-9]/g, '')
		.slice(0, 12);
	return `n8n-${context.getExecutionId()}-${node}-r${runIndexOf(context)}-i${prepared.itemIndex}`;
}
