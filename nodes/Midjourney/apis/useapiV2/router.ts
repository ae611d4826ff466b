import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobOperation } from '../../engine/JobOperation';
import { operations } from './actions';

type OperationName = keyof typeof operations;

const isOperation = (name: string): name is OperationName => Object.hasOwn(operations, name);

/** The job verb behind an operation, for the resume of a paused execution. */
export function v2JobOperationFor(operation: string): JobOperation | undefined {
	return operation === 'imagine' ? operations.imagine.jobOperation : undefined;
}

export async function v2Router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!isOperation(operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, {
			description: 'Pick an operation from the list.',
		});
	}
	return [await operations[operation].execute.call(this)];
}
