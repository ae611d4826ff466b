import type {
	IHookFunctions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { handleCallback } from './handleCallback';
import { checkExists, create, deleteWebhook } from './webhookLifecycle';

/** Each trigger listens at <webhookId>/callback; the API is told that URL per job. */
export const CALLBACK_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		// Empty, so a started execution is answered with webhook()'s webhookResponse
		// (n8n's default, "firstEntryJson", would be sent as the literal text).
		responseData: '',
		path: 'callback',
	},
];

/** Activation checks the configuration; nothing is registered with the API. */
export const callbackWebhookMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return await checkExists.call(this);
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return await create.call(this);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return await deleteWebhook.call(this);
		},
	},
};

/** One callback: checked, verified with the API, filtered, started at most once per event. */
export async function callbackWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	return await handleCallback.call(this);
}
