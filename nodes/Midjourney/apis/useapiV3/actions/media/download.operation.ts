import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDownloadLimits } from '../../../../engine/downloadLimits';
import { downloadViaOptions, maxDownloadSizeOption } from '../../../../actions/fields/jobFields';
import { DEFAULT_TIMEOUT_SECONDS } from '../../../../engine/settingDefaults';
import { errorItem } from '../../../../helpers/errorItem';
import { toNodeError } from '../../../../helpers/nodeError';
import { parameterProblems } from '../../../../helpers/runPerItem';
import { inputError, optionalUrl, requireText } from '../../../../helpers/validate';
import type { DownloadRoute } from '../../../../transport/downloadMedia';
import { downloadBinary } from '../../../../transport/storeDownload';
import type { JobApi } from '../../../JobApi';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://cdn.midjourney.com/…/0_0.jpeg',
		description:
			'An imageUx / videoUx URL (cdn.midjourney.com) or a Discord attachment URL from a job',
	},
	{
		displayName: 'Download Via',
		name: 'downloadVia',
		type: 'options',
		default: 'proxy',
		options: downloadViaOptions,
		description: 'How to fetch the file; 403 answers from the CDN are retried with backoff',
	},
	{
		displayName: 'Put Output in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			maxDownloadSizeOption,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_TIMEOUT_SECONDS,
				description: 'Longest time the download may take, from the request to the last byte',
			},
		],
	},
];

/** This operation in the Operation list. */
export const option: INodePropertyOptions = {
	name: 'Download',
	value: 'download',
	action: 'Download an image or video',
	description: 'Fetch a job image, video or grid into binary data',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['media'], operation: ['download'] } },
	properties,
);

function fileNameOf(url: string): string {
	const name = new URL(url).pathname.split('/').filter(Boolean).slice(-2).join('_');
	return name || 'midjourney-file';
}

export async function execute(this: IExecuteFunctions, api: JobApi): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	const problems = parameterProblems(this, description);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (problems[itemIndex]) throw problems[itemIndex];
			const url = optionalUrl(
				this,
				itemIndex,
				'URL',
				requireText(this, itemIndex, 'URL', this.getNodeParameter('url', itemIndex), 2048),
				2048,
			);
			const route = this.getNodeParameter('downloadVia', itemIndex) as DownloadRoute;
			const property = requireText(
				this,
				itemIndex,
				'Put Output in Field',
				this.getNodeParameter('binaryPropertyName', itemIndex),
				200,
			);
			const limits = readDownloadLimits(
				this.getNodeParameter('options', itemIndex, {}) as IDataObject,
				(message, fix) => inputError(this, itemIndex, message, fix),
			);
			const binary = await downloadBinary(
				this,
				api.endpoint,
				url,
				route,
				limits,
				() => fileNameOf(url),
				itemIndex,
			);
			output.push({
				json: { ...items[itemIndex].json, url },
				binary: { ...(items[itemIndex].binary ?? {}), [property]: binary },
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
			output.push(errorItem(error as Error, itemIndex));
		}
	}
	return output;
}
