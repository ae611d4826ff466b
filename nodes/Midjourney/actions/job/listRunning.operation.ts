import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runPerItem';
import { apiCall } from '../../transport/apiRequest';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['listRunning'] } },
	[],
);

interface RunningChannel extends IDataObject {
	jobs?: IDataObject[];
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, async (itemIndex) => {
		const running = (await apiCall.call(this, 'GET', '/jobs', {}, itemIndex)) as IDataObject;
		const channels = (running.channels ?? {}) as Record<string, RunningChannel>;
		// The flat list is what a workflow iterates over (e.g. to cancel stuck jobs).
		const jobs = Object.values(channels).flatMap((channel) => channel.jobs ?? []);
		return { ...running, jobs };
	});
}
