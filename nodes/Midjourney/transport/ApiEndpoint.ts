import type { ErrorGuidance } from './ErrorGuidance';

/** Where an API lives and how its requests authenticate: all the transport needs to know of it. */
export interface ApiEndpoint {
	/** The n8n credential type its requests authenticate with (its fields: apiToken, baseUrl). */
	credentialType: string;
	/** That credential's display name, as messages tell the user to pick it. */
	credentialName: string;
	/** Used when the credential leaves Base URL empty; none where the user must say where the API is. */
	defaultBaseUrl?: string;
	/** Path below the base URL that every request path of the API starts from. */
	prefix: string;
	/** Path below the base URL of a proxy that fetches cdn.midjourney.com files, if the API has one. */
	mediaProxyPath?: string;
	/** How its errors are explained: what happened and what to do. */
	errors: ErrorGuidance;
}

/** The API's address: the credential's Base URL, else the API's default; undefined when neither is set. */
export function apiRoot(endpoint: ApiEndpoint, baseUrl: string | undefined): string | undefined {
	return (baseUrl || endpoint.defaultBaseUrl)?.replace(/\/+$/, '') || undefined;
}
