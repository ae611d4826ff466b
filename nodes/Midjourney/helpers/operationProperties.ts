import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** An operation module as every resource's index lists it. */
export interface OperationModule {
	/** This operation in the Operation list. */
	option: INodePropertyOptions;
	/** Its fields, shown for its resource and operation. */
	description: INodeProperties[];
}

/**
 * A resource's Operation list and every operation's fields, from its operations map: the list is
 * in alphabetical order of the operations' names (n8n's convention for option lists), the
 * fields in the map's order.
 */
export function operationProperties<Operations extends Record<string, OperationModule>>(
	resource: string,
	operations: Operations,
	defaultOperation: keyof Operations & string,
): INodeProperties[] {
	const modules = Object.values(operations);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: modules
				.map((module) => module.option)
				.sort((a, b) => a.name.localeCompare(b.name, 'en')),
			default: defaultOperation,
		},
		...modules.flatMap((module) => module.description),
	];
}
