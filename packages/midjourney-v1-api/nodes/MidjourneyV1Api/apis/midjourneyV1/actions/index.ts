import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../helpers/operationProperties';
import * as blend from './blend.operation';
import * as cancel from './cancel.operation';
import * as describe from './describe.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as list from './list.operation';
import * as upscale from './upscale.operation';
import * as variations from './variations.operation';

/**
 * The operations of the /v1 node's only resource, Job: one per endpoint of the API. Each module
 * describes itself (its option, its fields, execute); a new verb is its file and one line here.
 */
export const operations = { blend, cancel, describe, get, imagine, list, upscale, variations };

export const description: INodeProperties[] = operationProperties('job', operations, 'imagine');
