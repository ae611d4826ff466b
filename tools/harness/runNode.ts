import type {
	ExecutionBaseError,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	LoggerProxy,
	NodeConnectionTypes,
	sleep,
	Workflow,
} from 'n8n-workflow';
import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';

import { UseApiMidjourneyApi } from '../../credentials/UseApiMidjourneyApi.credentials';
import { UseApiMidjourneyDiscordApi } from '../../credentials/UseApiMidjourneyDiscordApi.credentials';
import { MidjourneyV1ProfileApi } from '../../packages/midjourney-v1-api/credentials/MidjourneyV1ProfileApi.credentials';
import { Midjourney } from '../../nodes/Midjourney/Midjourney.node';
import { MidjourneyLegacy } from '../../nodes/Midjourney/MidjourneyLegacy.node';
import { MidjourneyV1Api } from '../../packages/midjourney-v1-api/nodes/MidjourneyV1Api/MidjourneyV1Api.node';
import { MidjourneyLegnextApi } from '../../packages/midjourney-legnext/credentials/MidjourneyLegnextApi.credentials';
import { MidjourneyLegnext } from '../../packages/midjourney-legnext/nodes/MidjourneyLegnext/MidjourneyLegnext.node';
import { TestCredentialsHelper } from './CredentialsHelper';

export const NODE_TYPE = 'n8n-nodes-useapi-midjourney.midjourney';
const DISCORD_CREDENTIAL_TYPE = 'useApiMidjourneyDiscordApi';

/** The package's action nodes: type, display name and the credential of the API each talks to. */
const NODES = {
	midjourney: {
		type: NODE_TYPE,
		name: 'MidjourneyV3',
		nodeType: new Midjourney() as INodeType,
		credential: 'useApiMidjourneyApi',
	},
	midjourneyV1Api: {
		type: 'n8n-nodes-midjourney-v1-api.midjourneyV1Api',
		name: 'Midjourney /v1 API',
		nodeType: new MidjourneyV1Api() as INodeType,
		credential: 'midjourneyV1ProfileApi',
	},
	midjourneyLegnext: {
		type: 'n8n-nodes-midjourney-legnext.midjourneyLegnext',
		name: 'Midjourney (Legnext)',
		nodeType: new MidjourneyLegnext() as INodeType,
		credential: 'midjourneyLegnextApi',
	},
	midjourneyLegacy: {
		type: 'n8n-nodes-useapi-midjourney.midjourneyLegacy',
		name: 'Midjourney v2 (Legacy)',
		nodeType: new MidjourneyLegacy() as INodeType,
		credential: 'useApiMidjourneyApi',
	},
};

export type NodeName = keyof typeof NODES;

/** The Discord credential's token when a test gives none: test data, not a secret. */
export const TEST_DISCORD_TOKEN = [
	'MTEwMDAwMDAwMDAwMDAwMDAwMA',
	'HaRnEs',
	'harness-discord-0001',
].join('.');

export interface RunNodeOptions {
	/** The node's parameters as a workflow JSON would hold them. */
	parameters: IDataObject;
	/** The JSON of the items the node receives (one empty item by default). */
	items?: IDataObject[];
	/** Items with binary data, when the JSON alone is not enough. */
	inputItems?: INodeExecutionData[];
	/** Which of the package's action nodes runs (MidjourneyV3 by default). */
	node?: NodeName;
	/** The node's API credential, and the Discord credential's token (Account → Configure). */
	credentials: { apiToken: string; baseUrl: string; discordToken?: string };
	continueOnFail?: boolean;
	/** Another build of the node to run instead (e.g. a former design, to show what a check catches). */
	nodeType?: INodeType;
	/** Presses "Stop execution" this many ms after the start, as a user would. */
	cancelAfterMs?: number;
	/** The node's Settings tab: Retry On Fail, Max. Tries, Wait Between Tries (ms). */
	nodeSettings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/**
	 * The execution's custom data when the node starts, as upstream nodes left it (a Code node's
	 * `$execution.customData.set`, another pausing node). The node reads and writes it through
	 * n8n-core's own custom data, with n8n's limits (10 keys).
	 */
	customData?: Record<string, string>;
	/** The node's id in the workflow (two nodes of one workflow have different ids). */
	nodeId?: string;
	/** Runs the `…Tool` variant n8n derives from the node for an AI Agent (toolVariantOf). */
	asTool?: boolean;
}

export interface RunNodeResult {
	/** The node's output items (main output 0). */
	items: INodeExecutionData[];
	error?: ExecutionBaseError;
	status: IRun['status'];
	run: IRun;
	/**
	 * For a run that paused (Pause Until Callback): delivers a POST to the execution's resume URL
	 * as n8n does after checking its signature: the node's webhook() runs with the paused
	 * execution's data (custom data included).
	 */
	resume: (body: IDataObject) => Promise<IWebhookResponseData>;
}

// n8n logs every node error; the tests assert on them instead.
const quiet = () => undefined;
LoggerProxy.init({
	error: quiet,
	warn: quiet,
	info: quiet,
	debug: quiet,
	verbose: quiet,
} as unknown as Parameters<typeof LoggerProxy.init>[0]);

/**
 * The tool variant n8n derives from a usableAsTool node, built the way its NodeTypes does
 * (packages/cli/src/node-types.ts): objects whose prototype is the node type and its
 * description, named `<name>Tool`, with no inputs and an ai_tool output. Nothing of the node
 * is copied, so the variant runs the node's own execute() with a node whose type ends in Tool.
 */
export function toolVariantOf(nodeType: INodeType): INodeType {
	const { description } = nodeType;
	if (!description.usableAsTool) throw new Error(`${description.name} is not usable as a tool`);
	const toolDescription = Object.create(description, {
		name: { value: `${description.name}Tool` },
		displayName: { value: `${description.displayName} Tool` },
		inputs: { value: [] },
		outputs: { value: [NodeConnectionTypes.AiTool] },
	}) as INodeType['description'];
	return Object.create(nodeType, { description: { value: toolDescription } }) as INodeType;
}

const nodeTypesWith = (nodeType: INodeType): INodeTypes => ({
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
});

const credentialTypes: Record<string, ICredentialType> = {
	useApiMidjourneyApi: new UseApiMidjourneyApi(),
	[DISCORD_CREDENTIAL_TYPE]: new UseApiMidjourneyDiscordApi(),
	midjourneyV1ProfileApi: new MidjourneyV1ProfileApi(),
	midjourneyLegnextApi: new MidjourneyLegnextApi(),
};

/** Loads a dropdown (loadOptions method) the way the editor does, through n8n-core's LoadOptionsContext. */
export async function loadOptions(
	method: string,
	options: Pick<RunNodeOptions, 'parameters' | 'credentials'>,
): Promise<INodePropertyOptions[]> {
	const { node, workflow, additionalData } = setUp(options);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.channel');
	const methods = NODES.midjourney.nodeType.methods?.loadOptions ?? {};
	return await methods[method].call(context);
}

/**
 * Runs the MidjourneyV3 node in a one-node workflow through n8n-core's WorkflowExecute, the
 * engine n8n itself runs: parameters, expressions, the credential's authenticate block and
 * httpRequestWithAuthentication are n8n's code, not mocks.
 */

/** The one-node workflow, and what n8n hands its contexts, shared by runs and dropdown loads. */
function setUp(
	options: Pick<
		RunNodeOptions,
		| 'parameters'
		| 'credentials'
		| 'continueOnFail'
		| 'nodeSettings'
		| 'nodeType'
		| 'node'
		| 'nodeId'
		| 'asTool'
	>,
) {
	const chosen = NODES[options.node ?? 'midjourney'];
	const plainType = options.nodeType ?? chosen.nodeType;
	const nodeType = options.asTool ? toolVariantOf(plainType) : plainType;
	const node: INode = {
		id: options.nodeId ?? 'node-under-test',
		name: options.asTool ? `${chosen.name} Tool` : chosen.name,
		type: options.asTool ? `${chosen.type}Tool` : chosen.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		credentials: {
			[chosen.credential]: { id: 'cred-1', name: 'API test' },
			[DISCORD_CREDENTIAL_TYPE]: { id: 'cred-2', name: 'Discord test' },
		},
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		...options.nodeSettings,
	};
	const workflow = new Workflow({
		id: 'wf-test',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypesWith(nodeType),
		active: false,
		settings: {},
	});

	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes, {
			[chosen.credential]: {
				apiToken: options.credentials.apiToken,
				baseUrl: options.credentials.baseUrl,
			},
			[DISCORD_CREDENTIAL_TYPE]: {
				discordToken: options.credentials.discordToken ?? TEST_DISCORD_TOKEN,
			},
		}),
		executionId: 'exec-test',
		currentNodeParameters: undefined,
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData, nodeType };
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { node, workflow, additionalData: base, nodeType } = setUp(options);
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-test', {
		id: 'wf-test',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	});
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = { ...base, hooks } as IWorkflowExecuteAdditionalData;

	const input: INodeExecutionData[] =
		options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [input] }, source: null }] },
	});
	if (options.customData) runExecutionData.resultData.metadata = { ...options.customData };

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	let running: ReturnType<WorkflowExecute['processRunExecutionData']>;
	try {
		running = execution.processRunExecutionData(workflow);
	} catch (issues) {
		// n8n refuses to start a workflow whose required parameters are empty, as the editor does.
		return {
			items: [],
			error: issues as ExecutionBaseError,
			status: 'error',
			run: { data: runExecutionData } as IRun,
			resume: async () => await Promise.reject(new Error('the workflow never ran')),
		};
	}
	if (options.cancelAfterMs !== undefined) {
		void sleep(options.cancelAfterMs).then(() => running.cancel());
	}
	const run = await finished;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const resume = async (body: IDataObject) => {
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: '',
			webhookDescription: { name: 'default', httpMethod: 'POST', path: '', restartWebhook: true },
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		} as unknown as IWebhookData;
		const requestData = {
			...additionalData,
			httpRequest: { body, headers: {}, query: {}, params: {} },
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(
			workflow,
			node,
			requestData,
			'webhook',
			webhookData,
			[],
			run.data,
		);
		return await nodeType.webhook!.call(context);
	};
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: run.data.resultData.error,
		status: run.status,
		run,
		resume,
	};
}
