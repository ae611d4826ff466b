import type { INodeExecutionData } from 'n8n-workflow';

import { downloadResults } from '../engine/downloadResults';
import type { Job } from '../engine/job';
import { jobOutput } from '../engine/jobOutput';
import { readOutputChoice } from '../engine/outputChoice';
import type { MediaContext } from '../transport/downloadMedia';
import type { JobApi } from '../apis/JobApi';

/**
 * The trigger's output: the job with the action node's conveniences (jobOutput), plus `event`
 * (the status that fired) and whether the job came from the API rather than the callback body.
 * Results are downloaded only for a verified, completed job: URLs from an unverified body are
 * never fetched. A failed download still starts the workflow, with `downloadError`, because
 * useapi.net does not deliver the callback again.
 */
export async function triggerItems(
	context: MediaContext,
	api: JobApi,
	job: Job,
	verified: boolean,
): Promise<INodeExecutionData[]> {
	const choice = readOutputChoice(context, api.endpoint);
	const json = { event: job.status, ...jobOutput(job, choice.simplify), verified };
	if (choice.download === 'none' || job.status !== 'completed' || !verified) return [{ json }];
	try {
		const items = await downloadResults(context, job, json, choice, 0);
		return items.map(({ json: itemJson, binary }) => ({ json: itemJson, binary }));
	} catch (error) {
		return [{ json: { ...json, downloadError: (error as Error).message } }];
	}
}
