import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobOperation } from '../engine/JobOperation';
import { resumeFromCallback } from '../engine/resumeFromCallback';

/** An operation module of a single-resource node: it runs, and a job verb also resumes. */
export interface RoutedOperation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
	jobOperation?: JobOperation;
}

/**
 * execute() and webhook() of a node whose only resource is Job: the operation parameter picks
 * the module; a paused execution resumes through the same module's job verb.
 */
export function operationRouter(operations: Record<string, RoutedOperation>) {
	const find = (name: string) => (Object.hasOwn(operations, name) ? operations[name] : undefined);
	return {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const operation = this.getNodeParameter('operation', 0) as string;
			const handler = find(operation);
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported`,
					{
						description: 'Pick an operation from the list.',
					},
				);
			}
			return [await handler.execute.call(this)];
		},
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			const operation = this.getNodeParameter('operation', '') as string;
			const jobOperation = find(operation)?.jobOperation;
			if (!jobOperation) {
				throw new NodeOperationError(this.getNode(), `${operation} does not wait for callbacks`);
			}
			return await resumeFromCallback(this, jobOperation);
		},
	};
}
