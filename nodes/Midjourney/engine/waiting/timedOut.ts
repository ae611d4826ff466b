import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { abandonJobAfterTimeout } from '../abandonJob';
import type { Job } from '../job';
import type { PreparedJob } from '../JobOperation';

/**
 * The Timeout passed: the job is cancelled so its slot is free; if it finished meanwhile it is
 * returned, nothing lost. Otherwise the item fails, saying what became of the job.
 */
export async function timedOut(
	context: IExecuteFunctions,
	prepared: PreparedJob,
	jobid: string,
): Promise<Job> {
	const abandoned = await abandonJobAfterTimeout.call(
		context,
		prepared.api,
		jobid,
		prepared.itemIndex,
	);
	if (abandoned.finishedJob) return abandoned.finishedJob;
	throw new NodeOperationError(
		context.getNode(),
		`Job ${jobid} did not finish within ${Math.round(prepared.settings.timeoutMs / 1000)} s`,
		{
			itemIndex: prepared.itemIndex,
			description: `${abandoned.detail} ${prepared.api.endpoint.errors.afterTimeout}`,
		},
	);
}
