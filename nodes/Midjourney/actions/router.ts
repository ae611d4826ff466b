import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import type { JobOperation } from '../engine/JobOperation';
import { answersAModel } from '../engine/toolRun';
import { pauseWaiting } from '../engine/waiting/pauseWaiting';

/** An operation module: it runs with the node's API, and a job verb also resumes from a pause. */
export interface RoutedOperation {
	execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]>;
	jobOperation?: JobOperation;
}

/** What to do is in an error's description; an AI Agent hands its model the message alone. */
const MAX_ADVICE = 600;

function withAdviceInMessage(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const advice = (error as Error & { description?: string | null }).description?.trim();
	if (!advice || error.message.includes(advice)) return error;
	const cut = advice.length > MAX_ADVICE ? `${advice.slice(0, MAX_ADVICE - 1)}…` : advice;
	error.message = `${error.message.replace(/[.\s]+$/, '')}. ${cut}`;
	return error;
}

/** A node's operations by resource and operation name. */
export type Resources = Record<string, Record<string, RoutedOperation>>;

function operationOf(resources: Resources, resource: string, operation: string) {
	if (!Object.hasOwn(resources, resource)) return undefined;
	const operations = resources[resource];
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

/**
 * execute() and webhook() of an action node, bound to the API the node is built with: the
 * resource and operation parameters pick the module, and a paused execution resumes through
 * the same module's job verb. n8n's `…Tool` variant of the node runs these same functions, so
 * it talks to the same API whatever n8n names it.
 */
export function nodeRouter(api: JobApi, resources: Resources) {
	const oneResource = Object.keys(resources).length === 1;
	const named = (resource: string, operation: string) =>
		oneResource ? `"${operation}"` : `"${operation}" of "${resource}"`;
	return {
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const resource = this.getNodeParameter('resource', 0, 'job') as string;
			const operation = this.getNodeParameter('operation', 0) as string;
			const handler = operationOf(resources, resource, operation);
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation ${named(resource, operation)} is not supported`,
					{
						description: oneResource
							? 'Pick an operation from the list.'
							: 'Pick a resource and an operation from the lists.',
					},
				);
			}
			try {
				return [await handler.execute.call(this, api)];
			} catch (error) {
				// As an AI Agent's tool, the error is the model's answer: it says what to do.
				throw answersAModel(this) ? withAdviceInMessage(error) : error;
			}
		},
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			const resource = this.getNodeParameter('resource', 'job') as string;
			const operation = this.getNodeParameter('operation', '') as string;
			const jobOperation = operationOf(resources, resource, operation)?.jobOperation;
			if (!jobOperation) {
				const what = oneResource ? operation : `${resource} → ${operation}`;
				throw new NodeOperationError(this.getNode(), `${what} does not wait for callbacks`);
			}
			return await pauseWaiting.resume(this, api, jobOperation);
		},
	};
}
