import type { IExecuteFunctions } from 'n8n-workflow';

import { readUuidJobId } from '../../../actions/fields/uuidJobIdField';

export { uuidJobIdField as jobIdField } from '../../../actions/fields/uuidJobIdField';

/** Legnext's job ids (job_id) are UUIDs. */
export const readJobId = (context: IExecuteFunctions, itemIndex: number): string =>
	readUuidJobId(context, itemIndex, 'Legnext');
