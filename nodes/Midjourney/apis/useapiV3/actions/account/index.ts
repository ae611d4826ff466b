import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../../helpers/operationProperties';
import * as configure from './configure.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as reset from './reset.operation';

/**
 * The account operations. Each module describes itself (its option, its fields, execute); a
 * new one is its file and one line here. The map's order is the order of their fields.
 */
export const operations = { configure, list, get, delete: del, reset };

export const description: INodeProperties[] = operationProperties('account', operations, 'list');
