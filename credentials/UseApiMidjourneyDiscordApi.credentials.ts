import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The Discord token of one Midjourney account, for MidjourneyV3 → Account → Configure. It is a
 * credential, not a node parameter, so n8n stores it encrypted and keeps it out of workflow
 * JSON, exports and execution data.
 */
export class UseApiMidjourneyDiscordApi implements ICredentialType {
	name = 'useApiMidjourneyDiscordApi';

	displayName = 'Midjourney Discord Account API';

	icon: Icon = { light: 'file:../icons/midjourney.svg', dark: 'file:../icons/midjourney.dark.svg' };

	documentationUrl = 'https://useapi.net/docs/start-here/setup-midjourney';

	properties: INodeProperties[] = [
		{
			displayName: 'Discord Token',
			name: 'discordToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Discord token of the account that runs Midjourney (see https://useapi.net/docs/start-here/setup-midjourney). Anyone who has it has full access to that Discord account.',
		},
	];

	// Only the credential test sends it to Discord; MidjourneyV3 sends it to useapi.net (POST /accounts).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.discordToken}}',
			},
		},
	};

	// Reads the token's own account: read-only, and fails for a revoked or mistyped token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://discord.com/api/v10',
			url: '/users/@me',
			method: 'GET',
			// n8n would send the token on to wherever a redirect points.
			disableFollowRedirect: true,
		},
	};
}
