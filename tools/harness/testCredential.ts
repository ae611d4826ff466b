import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteData,
	INode,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { TestCredentialsHelper } from './CredentialsHelper';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a credential's declared `test` request the way n8n's CredentialsTester does (n8n
 * packages/cli credentials-tester.service.ts): a temporary node whose one property routes the
 * test request, run by n8n-core's RoutingNode, so the request goes out through
 * httpRequestWithAuthentication with the credential's authenticate block, as in the editor.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const name = credentialType.name;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [name]: { id: 'cred-test', name: 'tested' } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp.credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test!.request },
					default: '',
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ [name]: credentialType }, { [name]: data }),
		executionId: 'credential-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-test',
		name: 'tested',
		type: name,
		data,
	});
	try {
		await routingNode.runNode();
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const failure = error as { message: string; cause?: { response?: { status?: number } } };
		const status = failure.cause?.response?.status;
		return {
			status: 'Error',
			message: status ? `Received HTTP status code: ${status}` : failure.message,
		};
	}
}
