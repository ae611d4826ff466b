import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class MidjourneyV1ProfileApi implements ICredentialType {
	name = 'midjourneyV1ProfileApi';

	displayName = 'Midjourney OpenAPI Profile API';

	icon: Icon = { light: 'file:../icons/midjourney-v1.svg', dark: 'file:../icons/midjourney-v1.dark.svg' };

	documentationUrl =
		'https://github.com/useapi-n8n/n8n-nodes-useapi-midjourney/tree/main/packages/midjourney-v1-api#readme';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key of the service that serves the /v1 profile at the Base URL, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://midjourney-gateway.example.com',
			description:
				'The address of the service that serves the /v1 profile (or of the local simulator). Midjourney runs no such public API, so there is no default. The node appends /v1/… to it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	// Listing one job is free and read-only, and answers 200 for a valid key with no jobs yet.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v1',
			url: '/jobs',
			qs: { limit: 1 },
			method: 'GET',
			// n8n would send the token on to wherever a redirect points.
			disableFollowRedirect: true,
		},
	};
}
