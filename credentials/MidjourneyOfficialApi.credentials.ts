import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class MidjourneyOfficialApi implements ICredentialType {
	name = 'midjourneyOfficialApi';

	displayName = 'Midjourney Official API';

	icon: Icon = { light: 'file:../icons/midjourney.svg', dark: 'file:../icons/midjourney.dark.svg' };

	documentationUrl = 'https://docs.midjourney.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API key from the Midjourney Enterprise dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.midjourney.com',
			description:
				'Change only for a compatible gateway or the local simulator. The node appends /v1/… to it.',
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
