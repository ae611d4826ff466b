import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../../helpers/operationProperties';
import * as blend from './blend.operation';
import * as button from './button.operation';
import * as cancel from './cancel.operation';
import * as describe from './describe.operation';
import * as get from './get.operation';
import * as imagine from './imagine.operation';
import * as listRunning from './listRunning.operation';
import * as seed from './seed.operation';

/**
 * The job operations. Each module describes itself (its option, its fields, execute); a
 * new one is its file and one line here.
 */
export const operations = { blend, button, cancel, describe, get, imagine, listRunning, seed };

export const description: INodeProperties[] = operationProperties('job', operations, 'imagine');
