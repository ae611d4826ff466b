import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as resourcesDescription, resources } from './apis/legnext/actions';
import { legnextEndpoint } from './apis/legnext/endpoint';
import { legnext } from './apis/legnext/legnext';
import { RESUME_WEBHOOKS } from './engine/resumeWebhooks';
import { nodeRouter } from './actions/router';

const routed = nodeRouter(legnext, resources);

/**
 * Midjourney through Legnext's API (legnext.ai): the shared engine's batches at the account's
 * concurrency, Poll / Pause Until Callback / Don't Wait, results as binary, one job per item.
 */
export class MidjourneyLegnext implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Midjourney (Legnext)',
		name: 'midjourneyLegnext',
		icon: {
			light: 'file:../../icons/midjourney-legnext.svg',
			dark: 'file:../../icons/midjourney-legnext.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description:
			"Generate Midjourney images and videos through Legnext's API, waiting by polling or callback",
		defaults: { name: 'Midjourney (Legnext)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: legnextEndpoint.credentialType, required: true }],
		webhooks: RESUME_WEBHOOKS,
		properties: resourcesDescription,
	};

	execute = routed.execute;

	webhook = routed.webhook;
}
