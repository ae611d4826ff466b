import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The output item for a failed item when the node is set to continue on fail. */
export function errorItem(
	error: Error,
	itemIndex: number,
	context: IDataObject = {},
): INodeExecutionData {
	return {
		json: {
			...context,
			error: error.message,
			errorDescription: (error as { description?: string | null }).description ?? null,
		},
		pairedItem: { item: itemIndex },
	};
}
