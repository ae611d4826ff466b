import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobOutput } from '../../../engine/jobOutput';
import { integerInRange } from '../../../helpers/validate';
import { runPerItem } from '../../../helpers/runPerItem';
import { apiCall } from '../../../transport/apiRequest';
import { toJob } from '../toJob';
import type { JobApi } from '../../JobApi';

/** The most the node reads for Return All: a bound on a runaway history, not on a real one. */
const RETURN_ALL_MAX = 1000;
const PAGE = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'In Progress', value: 'in_progress' },
			{ name: 'Pending', value: 'pending' },
		],
		description: 'Only jobs in this status',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: PAGE },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	action: 'List jobs',
	description: 'List jobs, filtered by status (GET /v1/jobs)',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['list'] } },
	properties,
);

interface JobPage extends IDataObject {
	data?: unknown[];
	total?: number;
}

/** One item per job, newest first, read page by page (limit/offset). */
export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	return await runPerItem(this, description, async (itemIndex) => {
		const status = this.getNodeParameter('status', itemIndex, '') as string;
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const wanted = returnAll
			? RETURN_ALL_MAX
			: integerInRange(
					this,
					itemIndex,
					'Limit',
					this.getNodeParameter('limit', itemIndex, 50),
					1,
					PAGE,
				);
		const jobs: IDataObject[] = [];
		while (jobs.length < wanted) {
			const qs: IDataObject = { limit: Math.min(PAGE, wanted - jobs.length), offset: jobs.length };
			if (status) qs.status = status;
			const page = (await apiCall.call(
				this,
				api.endpoint,
				'GET',
				'/jobs',
				{ qs },
				itemIndex,
			)) as JobPage;
			const entries = page.data ?? [];
			for (const entry of entries) {
				const job = toJob(entry);
				jobs.push(job ? jobOutput(job) : (entry as IDataObject));
			}
			if (entries.length === 0 || jobs.length >= (page.total ?? 0)) break;
		}
		return jobs;
	});
}
