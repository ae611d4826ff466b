import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { JobApi } from '../apis/JobApi';

/** n8n's editor gives every node with webhooks a random v4 UUID (its webhookId). */
const UNGUESSABLE_ID = /^[0-9a-f]{32}$/i;

/**
 * The URL's secret is the node's webhookId (n8n puts it in the path). A node created without
 * one (e.g. through the public API) would listen at <workflowId>/<node name>/…, which is easy
 * to guess: refuse to activate it.
 */
function assertUnguessableUrl(context: IHookFunctions): void {
	const { webhookId } = context.getNode();
	if (!webhookId || !UNGUESSABLE_ID.test(webhookId.replace(/-/g, ''))) {
		throw new NodeOperationError(
			context.getNode(),
			'This trigger has no random webhook ID, so its URL could be guessed',
			{
				description:
					'Delete the trigger and add it again in the editor (n8n gives every new trigger a random ID), or give the node a "webhookId" that is a random UUID in the workflow JSON.',
			},
		);
	}
}

async function assertVerifiable(context: IHookFunctions, api: JobApi): Promise<void> {
	if (context.getNodeParameter('verifyWithApi', true) !== true) return;
	const { credentialType, credentialName } = api.endpoint;
	try {
		await context.getCredentials(credentialType);
	} catch (error) {
		const { name } = api;
		throw new NodeOperationError(context.getNode(), `Verify with API needs a ${name} credential`, {
			description: `Select a "${credentialName}" credential in the trigger, or turn off Verify with API (then callback bodies are trusted as sent). ${(error as Error).message}`,
		});
	}
}

/**
 * Nothing is registered at useapi.net (the user pastes the URL as replyUrl), so "exists" is
 * always false: create() then runs at every activation, test listening included, and checks
 * the configuration so a broken one fails activation instead of every callback.
 */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	return false;
}

export async function create(this: IHookFunctions, api: JobApi): Promise<boolean> {
	assertUnguessableUrl(this);
	await assertVerifiable(this, api);
	return true;
}

/**
 * Deactivating, or publishing a new version (n8n deletes, then creates the webhooks), keeps
 * the URL and the log of started events: callbacks of jobs still running are handled as
 * before, and none starts a second execution.
 */
export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	return true;
}
