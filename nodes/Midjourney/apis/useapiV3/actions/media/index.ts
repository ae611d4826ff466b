import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../../../helpers/operationProperties';
import * as download from './download.operation';

/** The media operations. Each module describes itself (its option, its fields, execute). */
export const operations = { download };

export const description: INodeProperties[] = operationProperties('media', operations, 'download');
