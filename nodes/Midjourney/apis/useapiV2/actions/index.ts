import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../helpers/operationProperties';
import * as get from './get.operation';
import * as imagine from './imagine.operation';

/**
 * The operations of the v2 node's only resource, Job: the document's imagine, and reading a job.
 * Each module describes itself (its option, its fields, execute).
 */
export const operations = { get, imagine };

export const description: INodeProperties[] = operationProperties('job', operations, 'imagine');
