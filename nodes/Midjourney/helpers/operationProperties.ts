import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** An operation module as every resource's index lists it. */
export interface OperationModule {
	/** This operation in the Operation list. */
	option: INodePropertyOptions;
	/** Its fields, shown for its resource and operation. */
	description: INodeProperties[];
}

/** A resource's Operation list and every operation's fields, from its operations map. */
export function operationProperties(
	resource: string,
	operations: Record<string, OperationModule>,
	defaultOperation: string,
): INodeProperties[] {
	const modules = Object.values(operations);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: modules.map((module) => module.option),
			default: defaultOperation,
		},
		...modules.flatMap((module) => module.description),
	];
}
