import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as account from './account';
import * as job from './job';
import * as media from './media';
import * as settings from './settings';
import type { JobOperation } from '../engine/JobOperation';
import type { MidjourneyType } from './node.type';

type Operation = {
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
	/** Set for operations that run a Midjourney job through the engine. */
	jobOperation?: JobOperation;
};

const resources: Record<MidjourneyType['resource'], Record<string, Operation>> = {
	account: {
		configure: account.configure,
		delete: account.delete,
		get: account.get,
		list: account.list,
		reset: account.reset,
	},
	job: job.operations,
	media: { download: media.download },
	settings: {
		fast: settings.fast,
		getSettings: settings.getSettings,
		info: settings.info,
		relax: settings.relax,
		remix: settings.remix,
		turbo: settings.turbo,
		variability: settings.variability,
	},
};

/** The job verb behind a resource/operation pair, for code that runs outside execute() (resume). */
export function jobOperationFor(resource: string, operation: string): JobOperation | undefined {
	return resources[resource as MidjourneyType['resource']]?.[operation]?.jobOperation;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as MidjourneyType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
			{
				description: 'Pick a resource and an operation from the lists.',
			},
		);
	}
	return [await handler.execute.call(this)];
}
