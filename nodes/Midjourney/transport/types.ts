import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context our nodes talk to the API from. */
export type ApiContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| IHookFunctions;

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A streamed response body as n8n's HTTP helper hands it over (a Node Readable). */
export interface ByteStream extends AsyncIterable<Uint8Array | string> {
	destroy(error?: Error): void;
	/** Node's Readable.map: a stream of what `fn` returns for each chunk; a throw ends both streams. */
	map(fn: (chunk: Uint8Array) => Uint8Array): ByteStream;
}

/** How far one file's download may go: its size, and its time (Options → Timeout). */
export interface DownloadLimits {
	maxBytes: number;
	timeoutMs: number;
}

export interface ApiResponse<TBody = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: TBody;
}

export interface RequestOptions {
	body?: IDataObject | FormData;
	qs?: IDataObject;
	/** The path is relative to the base URL itself, not to /v3/midjourney (e.g. the CDN proxy). */
	fromRoot?: boolean;
	/**
	 * Gives up when the server stays silent this long (no answer, or a body that stops). Callers
	 * pass what is left of the user's Timeout; without it n8n's own 300 s default applies.
	 */
	timeoutMs?: number;
	/**
	 * A redirect to another origin is followed without the credential (a file the API hands over
	 * to a CDN). Otherwise such a redirect is an error: the token never leaves the API's origin.
	 */
	crossOriginWithoutCredentials?: boolean;
}
