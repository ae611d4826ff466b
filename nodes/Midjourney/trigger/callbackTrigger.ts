import type {
	IHookFunctions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
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

/**
 * webhookMethods and webhook() of a callback trigger, bound to the API the trigger is built
 * with: activation checks the configuration (nothing is registered with the API), and each
 * callback is checked, verified with that API, filtered and started at most once per event.
 */
export function callbackTrigger(api: JobApi) {
	return {
		webhookMethods: {
			default: {
				async checkExists(this: IHookFunctions): Promise<boolean> {
					return await checkExists.call(this);
				},
				async create(this: IHookFunctions): Promise<boolean> {
					return await create.call(this, api);
				},
				async delete(this: IHookFunctions): Promise<boolean> {
					return await deleteWebhook.call(this);
				},
			},
		},
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await handleCallback.call(this, api);
		},
	};
}
