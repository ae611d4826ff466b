import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as imagine from './imagine.operation';

/**
 * The operations of the v2 node's only resource, Job: the document's imagine, and reading a job.
 * Each module describes itself (its option, its fields, execute).
 */
export const operations = { get, imagine };

const modules = Object.values(operations);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: modules.map((module) => module.option),
		default: 'imagine',
	},
	...modules.flatMap((module) => module.description),
];
