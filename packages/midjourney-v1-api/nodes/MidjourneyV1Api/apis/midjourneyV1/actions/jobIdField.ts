import type { IExecuteFunctions } from 'n8n-workflow';

import { readUuidJobId } from '../../../actions/fields/uuidJobIdField';

export { uuidJobIdField as jobIdField } from '../../../actions/fields/uuidJobIdField';

/** The /v1 API's job ids are UUIDs (`format: uuid`). */
export const readJobId = (context: IExecuteFunctions, itemIndex: number): string =>
	readUuidJobId(context, itemIndex, '/v1');
