import type { INodeExecutionData } from 'n8n-workflow';

import type { Job } from '../engine/job';
import type { OutputShape } from '../engine/jobOutput';
import { jobOutput } from '../engine/jobOutput';

/**
 * The trigger's output item: the job with the action node's conveniences (jobOutput), plus
 * `event` (the status that fired) and whether the job came from the API rather than the
 * callback body. Binary downloads would be added here (see the node's report).
 */
export function triggerItem(job: Job, verified: boolean, shape: OutputShape): INodeExecutionData {
	return { json: { event: job.status, ...jobOutput(job, shape), verified } };
}
