import type { IWebhookDescription } from 'n8n-workflow';

/**
 * The resume webhook of a paused execution (Wait for Completion → Pause Until Callback): n8n
 * serves it at $execution.resumeUrl while the execution waits. Nothing is registered with a
 * third party, so there is no create/delete lifecycle, as with n8n's own Wait node.
 */
export const RESUME_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
	},
];
