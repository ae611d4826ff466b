import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class UseApiMidjourneyApi implements ICredentialType {
	name = 'useApiMidjourneyApi';

	displayName = 'useapi.net API';

	icon: Icon = { light: 'file:../icons/midjourney.svg', dark: 'file:../icons/midjourney.dark.svg' };

	documentationUrl = 'https://useapi.net/docs/start-here/setup-useapi';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your useapi.net API token (useapi.net → Account → API token)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.useapi.net',
			description:
				'Change only for a self-hosted compatible gateway or the local simulator. MidjourneyV3 appends /v3/midjourney/… to it, Midjourney v2 (Legacy) /v2/….',
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

	// GET /jobs is free, read-only, and answers 200 for a valid token even before any
	// Midjourney channel is configured (GET /accounts would answer 404 then).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v3/midjourney',
			url: '/jobs',
			method: 'GET',
			// n8n would send the token on to wherever a redirect points.
			disableFollowRedirect: true,
		},
	};
}
