import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiEndpoint } from '../transport/ApiEndpoint';
import type { DownloadRoute, MediaContext } from '../transport/downloadMedia';
import type { DownloadLimits } from '../transport/types';
import { readDownloadLimits } from './downloadLimits';
import type { DownloadChoice } from './downloadResults';
import { answersAModel } from './toolRun';

/** What the user chose to get out of a finished job: the output fields and the downloads. */
export interface OutputChoice {
	/** The API the files are fetched through (its media proxy, its errors). */
	endpoint: ApiEndpoint;
	simplify: boolean;
	download: DownloadChoice;
	downloadVia: DownloadRoute;
	/** Put Output in Field: the binary field of a download that puts one file in an item. */
	binaryProperty: string;
	/** Max Download Size and Timeout, for each file. */
	limits: DownloadLimits;
	/** The node runs as an AI Agent's tool: a compact answer for the model, nothing downloaded. */
	forModel: boolean;
}

export const DEFAULT_BINARY_PROPERTY = 'data';

type ParameterReader = (name: string, fallback: unknown) => unknown;

function readerOf(context: MediaContext, itemIndex: number): ParameterReader {
	// A webhook (the trigger, or a paused node resuming) has no items to resolve parameters for.
	if ('getBodyData' in context) {
		const webhook = context as IWebhookFunctions;
		return (name, fallback) => webhook.getNodeParameter(name, fallback);
	}
	const execute = context as IExecuteFunctions;
	return (name, fallback) => execute.getNodeParameter(name, itemIndex, fallback);
}

/**
 * The one place the output parameters are read, for the action node (also when it resumes
 * from a callback) and the trigger alike. Don't Wait outputs the created job: nothing to download.
 */
export function readOutputChoice(
	context: MediaContext,
	endpoint: ApiEndpoint,
	itemIndex = 0,
): OutputChoice {
	const read = readerOf(context, itemIndex);
	const options = (read('options', {}) ?? {}) as IDataObject;
	const field = String(read('binaryPropertyOutput', DEFAULT_BINARY_PROPERTY) ?? '').trim();
	return {
		endpoint,
		simplify: read('simplify', false) === true,
		download:
			read('waitMode', 'stream') === 'none'
				? 'none'
				: ((read('download', 'none') as DownloadChoice) ?? 'none'),
		// The action node keeps Download Via under Options; the trigger shows it beside Download Results.
		downloadVia: (options.downloadVia ?? read('downloadVia', 'proxy')) as DownloadRoute,
		binaryProperty: field || DEFAULT_BINARY_PROPERTY,
		// The triggers show Max Download Size as a field of its own and have no Timeout (its default applies).
		limits: readDownloadLimits(
			{
				...options,
				maxDownloadSize: (options.maxDownloadSize ??
					read('maxDownloadSize', null)) as IDataObject[string],
			},
			(message, description) =>
				new NodeOperationError(context.getNode(), message, { itemIndex, description }),
		),
		forModel: answersAModel(context),
	};
}
