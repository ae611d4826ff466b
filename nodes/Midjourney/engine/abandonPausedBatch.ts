import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import { abandonJobAfterTimeout } from './abandonJob';
import { forEachConcurrently } from './forEachConcurrently';
import { isFinal } from './job';
import type { JobRun } from './runJob';

/**
 * The batch was submitted (paid for) but the execution cannot pause for it: cancels every job
 * still running and fails naming each job, so none is lost.
 */
export async function abandonPausedBatch(
	context: IExecuteFunctions,
	api: JobApi,
	runs: Array<JobRun | undefined>,
	why: string,
): Promise<never> {
	const details: string[] = [];
	const jobs = runs.flatMap((run, itemIndex) => (run ? [{ job: run.job, itemIndex }] : []));
	await forEachConcurrently(jobs, Math.max(1, jobs.length), async ({ job, itemIndex }) => {
		if (isFinal(job.status)) {
			details.push(`Job ${job.jobid} had finished (${job.status}).`);
			return;
		}
		details.push((await abandonJobAfterTimeout.call(context, api, job.jobid, itemIndex)).detail);
	});
	const ids = jobs.map(({ job }) => job.jobid).join(', ');
	throw new NodeOperationError(context.getNode(), `The execution cannot pause: ${why}`, {
		description: `Submitted jobs: ${ids}. ${details.join(' ')} Read finished jobs with Job → Get.`,
	});
}
