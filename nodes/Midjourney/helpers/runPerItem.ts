import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { errorItem } from './errorItem';
import { toNodeError } from './nodeError';
import { checkParameterTypes } from './parameterTypes';

/** Each item's parameters, checked against the operation's fields before any request. */
export function parameterProblems(
	context: IExecuteFunctions,
	fields: INodeProperties[],
): Array<Error | undefined> {
	return context.getInputData().map((_, itemIndex) => {
		try {
			checkParameterTypes(context, fields, itemIndex);
			return undefined;
		} catch (error) {
			if (!context.continueOnFail()) throw toNodeError(context.getNode(), error, itemIndex);
			return error as Error;
		}
	});
}

/**
 * Runs a simple (non-job) operation once per input item, with n8n's usual item contract:
 * pairedItem on every output, and a failed item becoming an error item under continueOnFail.
 * Every item's parameters are checked before the first request.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	fields: INodeProperties[],
	operation: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const problems = parameterProblems(context, fields);
	for (let itemIndex = 0; itemIndex < problems.length; itemIndex++) {
		try {
			if (problems[itemIndex]) throw problems[itemIndex];
			const result = await operation(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (!context.continueOnFail()) throw toNodeError(context.getNode(), error, itemIndex);
			output.push(errorItem(error as Error, itemIndex));
		}
	}
	return output;
}
