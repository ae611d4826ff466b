import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Answers with an error status and starts nothing. n8n sends `webhookResponse` with the
 * webhook's fixed responseCode (200), so another status must be written on the response
 * object, with `noWebhookResponse` telling n8n the answer is already sent (as n8n's own
 * Webhook node does for failed authentication).
 */
export function refuse(
	context: IWebhookFunctions,
	statusCode: number,
	error: string,
): IWebhookResponseData {
	const res = context.getResponseObject();
	res.status(statusCode).json({ error });
	return { noWebhookResponse: true };
}

/** Answers 200 and starts nothing: the callback was understood, there is just nothing to do. */
export function ignore(reason: string): IWebhookResponseData {
	return { webhookResponse: { status: 'ignored', reason } };
}
