import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Legnext's API key. The type is not called `legnextApi`: Legnext's own n8n node uses that name,
 * and two installed packages with one credential type name would collide.
 */
export class MidjourneyLegnextApi implements ICredentialType {
	name = 'midjourneyLegnextApi';

	displayName = 'Midjourney (Legnext) API';

	icon: Icon = {
		light: 'file:../icons/midjourney-legnext.svg',
		dark: 'file:../icons/midjourney-legnext.dark.svg',
	};

	documentationUrl =
		'https://github.com/useapi-n8n/n8n-nodes-useapi-midjourney/tree/main/packages/midjourney-legnext#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Legnext API key (create one at https://legnext.ai/app/api-keys), sent as the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.legnext.ai',
			required: true,
			description:
				"Legnext's API address. Change it only for a proxy or the local simulator; the node appends /api/v1/… and /api/account/… to it.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiToken}}',
			},
		},
	};

	// Reading the account balance is free and read-only.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://api.legnext.ai").replace(/\\/+$/, "")}}/api',
			url: '/account/balance',
			method: 'GET',
			// n8n would send the key on to wherever a redirect points.
			disableFollowRedirect: true,
		},
	};
}
