import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../../../helpers/runPerItem';
import { apiCall } from '../../../../transport/apiRequest';
import type { JobApi } from '../../../JobApi';

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'List Running',
	value: 'listRunning',
	action: 'List running jobs',
	description: 'List the jobs that are still running, per channel (GET /jobs)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['listRunning'] } },
	[],
);

interface RunningJob extends IDataObject {
	jobId?: string;
	channel?: string;
}

interface RunningChannel extends IDataObject {
	jobs?: RunningJob[];
}

/**
 * One item per running job, spelled like every other output (jobid) so Job → Cancel can take
 * {{ $json.jobid }}. GET /jobs lists only created, started and progress jobs without saying which:
 * status is "running".
 */
function runningJob(entry: RunningJob, channelId: string): IDataObject {
	const { jobId, channel, ...rest } = entry;
	return { jobid: jobId, channel: channel ?? channelId, status: 'running', ...rest };
}

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const running = (await apiCall.call(
			this,
			api.endpoint,
			'GET',
			'/jobs',
			{},
			itemIndex,
		)) as IDataObject;
		const channels = (running.channels ?? {}) as Record<string, RunningChannel>;
		return Object.entries(channels).flatMap(([channelId, channel]) =>
			(channel.jobs ?? []).map((entry) => runningJob(entry, channelId)),
		);
	});
}
