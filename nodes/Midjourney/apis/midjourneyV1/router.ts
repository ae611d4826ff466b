import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobOperation } from '../../engine/JobOperation';
import { operations } from './actions';

type OperationName = keyof typeof operations;

/** The job verb behind an operation, for the resume of a paused execution. */
export function v1JobOperationFor(operation: string): JobOperation | undefined {
	const module = operations[operation as OperationName] as
		| { jobOperation?: JobOperation }
		| undefined;
	return module?.jobOperation;
}

export async function v1Router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[operation as OperationName];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, {
			description: 'Pick an operation from the list.',
		});
	}
	return [await handler.execute.call(this)];
}
