import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { LoggerProxy, sleep, Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import { MidjourneyV1ProfileApi } from '../../packages/midjourney-v1-api/credentials/MidjourneyV1ProfileApi.credentials';
import { UseApiMidjourneyApi } from '../../credentials/UseApiMidjourneyApi.credentials';
import { MidjourneyLegnextApi } from '../../packages/midjourney-legnext/credentials/MidjourneyLegnextApi.credentials';
import { MidjourneyLegnextTrigger } from '../../packages/midjourney-legnext/nodes/MidjourneyLegnext/MidjourneyLegnextTrigger.node';
import { MidjourneyV1ApiTrigger } from '../../packages/midjourney-v1-api/nodes/MidjourneyV1Api/MidjourneyV1ApiTrigger.node';
import { MidjourneyTrigger } from '../../nodes/Midjourney/MidjourneyTrigger.node';
import { TestCredentialsHelper } from './CredentialsHelper';

export const TRIGGER_TYPE = 'n8n-nodes-useapi-midjourney.midjourneyTrigger';

/** The package's triggers: type, display name and the credential of the API each verifies with. */
const TRIGGERS = {
	midjourneyTrigger: {
		type: TRIGGER_TYPE,
		name: 'MidjourneyV3 Trigger',
		trigger: new MidjourneyTrigger(),
		credential: 'useApiMidjourneyApi',
	},
	midjourneyV1ApiTrigger: {
		type: 'n8n-nodes-midjourney-v1-api.midjourneyV1ApiTrigger',
		name: 'Midjourney /v1 API Trigger',
		trigger: new MidjourneyV1ApiTrigger(),
		credential: 'midjourneyV1ProfileApi',
	},
	midjourneyLegnextTrigger: {
		type: 'n8n-nodes-midjourney-legnext.midjourneyLegnextTrigger',
		name: 'Midjourney (Legnext) Trigger',
		trigger: new MidjourneyLegnextTrigger(),
		credential: 'midjourneyLegnextApi',
	},
};
/** Each harness is its own workflow, as each trigger a test sets up would be in n8n. */
let workflowsCreated = 0;
export const BASE_URL = 'http://localhost:5678';

/** The node's default random ID, as n8n's editor assigns one (a v4 UUID). */
export const DEFAULT_WEBHOOK_ID = '3f1c2a9e-7b4d-4e21-9c6f-0a8b5d2e4f17';

// n8n logs through LoggerProxy; the tests assert on answers instead.
const quiet = () => undefined;
LoggerProxy.init({
	error: quiet,
	warn: quiet,
	info: quiet,
	debug: quiet,
	verbose: quiet,
} as unknown as Parameters<typeof LoggerProxy.init>[0]);

const nodeTypesOf = (trigger: INodeType): INodeTypes => ({
	getByName: () => trigger,
	getByNameAndVersion: () => trigger,
	getKnownTypes: () => ({}),
});
const credentialTypes: Record<string, ICredentialType> = {
	useApiMidjourneyApi: new UseApiMidjourneyApi(),
	midjourneyV1ProfileApi: new MidjourneyV1ProfileApi(),
	midjourneyLegnextApi: new MidjourneyLegnextApi(),
};

/** Which of n8n's two URLs the call comes through: the active workflow's, or "listen for test event". */
export type UrlMode = 'production' | 'test';

export interface TriggerHarnessOptions {
	parameters?: INodeParameters;
	/** The credential the node uses; leave out for a node without one. */
	credentials?: { apiToken: string; baseUrl: string };
	/** The node's webhookId; null for a node created without one (e.g. through the public API). */
	webhookId?: string | null;
	nodeName?: string;
	/** Which of the package's triggers runs (the MidjourneyV3 Trigger by default). */
	trigger?: keyof typeof TRIGGERS;
	/** The workflow's static data as the database holds it when n8n starts (e.g. after a restart). */
	savedStaticData?: IDataObject;
	/** The workflow's id (the same workflow after a restart keeps it). */
	workflowId?: string;
}

/** An HTTP request as it reaches n8n's webhook endpoint. */
export interface TriggerRequest {
	/** The raw body bytes the caller sent. */
	raw?: string | Buffer;
	contentType?: string;
	query?: IDataObject;
	headers?: IDataObject;
}

/** What the caller of the webhook URL got back, and what the node did. */
export interface TriggerResponse {
	/** HTTP status the caller received (undefined: n8n sent nothing, the caller would hang). */
	statusCode?: number;
	body?: unknown;
	/** Whether n8n would start an execution. */
	started: boolean;
	/** The execution's first items (the trigger's output). */
	items: INodeExecutionData[];
	/** webhook() was called (n8n itself rejects some requests before the node runs). */
	nodeCalled: boolean;
	result?: IWebhookResponseData;
	threw?: Error;
}

/** The parts of express's Response the node may use, recording what it sent. */
class RecordingResponse {
	statusCode = 200;

	body: unknown = undefined;

	headers: IDataObject = {};

	headersSent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		return this.send(body);
	}

	send(body?: unknown) {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		this.headersSent = true;
		return this;
	}

	setHeader(name: string, value: unknown) {
		this.headers[name.toLowerCase()] = value as string;
		return this;
	}

	header(name: string, value: unknown) {
		return this.setHeader(name, value);
	}

	writeHead(code: number, headers: IDataObject = {}) {
		this.statusCode = code;
		for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
		return this;
	}
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

/**
 * n8n's body parsing for a version-1 webhook node (parseRequestBody → parseBody in
 * packages/cli/src/webhooks/webhook-helpers.ts and middlewares/body-parser.ts): JSON and
 * text are parsed, invalid JSON is answered 422 before the node runs, other content types
 * leave only the raw bytes.
 */
function parseLikeN8n(request: TriggerRequest): {
	body?: unknown;
	rawBody: Buffer;
	rejected?: number;
} {
	const rawBody = Buffer.isBuffer(request.raw)
		? request.raw
		: Buffer.from(request.raw ?? '', 'utf8');
	const contentType = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (rawBody.length === 0) return { rawBody };
	if (contentType === 'application/json') {
		try {
			return { body: JSON.parse(rawBody.toString('utf8')) as unknown, rawBody };
		} catch {
			return { rawBody, rejected: 422 };
		}
	}
	if (contentType === 'text/plain') return { body: rawBody.toString('utf8'), rawBody };
	return { rawBody };
}

/**
 * Drives the MidjourneyV3 Trigger through n8n-core's own WebhookContext and HookContext, the
 * classes n8n builds for webhook() and webhookMethods. What n8n's CLI does around them is
 * reproduced from its 2.30.8 source: the workflow (with its static data) is loaded afresh
 * for every request and its static data saved afterwards when changed (LiveWebhooks), after
 * WorkflowRunner.run() has wrapped the same static data again when an execution starts (which
 * clears n8n's change flag), test listening starts from empty static data kept only for that
 * session (TestWebhooks), n8n answers invalid JSON with 422 before the node runs, and the
 * node's result becomes the HTTP answer as executeWebhook/WebhookRequestHandler send it.
 */
export class TriggerHarness {
	/** The workflow's static data column: null until something was saved, as in a new workflow. */
	private saved: IDataObject | null = null;

	/** Static data of the current test-listening session (n8n keeps it with the registration). */
	testStaticData?: IDataObject;

	readonly node: INode;

	readonly workflowId: string;

	private readonly chosen: (typeof TRIGGERS)[keyof typeof TRIGGERS];

	constructor(private readonly options: TriggerHarnessOptions = {}) {
		if (options.savedStaticData) this.saved = clone(options.savedStaticData);
		this.workflowId =
			options.workflowId ?? `wfTrigger${String(++workflowsCreated).padStart(7, '0')}`;
		const webhookId = options.webhookId === undefined ? DEFAULT_WEBHOOK_ID : options.webhookId;
		this.chosen = TRIGGERS[options.trigger ?? 'midjourneyTrigger'];
		this.node = {
			id: 'trigger-under-test',
			name: options.nodeName ?? this.chosen.name,
			type: this.chosen.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters ?? {},
			...(webhookId === null ? {} : { webhookId }),
			...(options.credentials
				? { credentials: { [this.chosen.credential]: { id: 'cred-1', name: 'API test' } } }
				: {}),
		};
	}

	/** The workflow's static data as the database holds it. */
	get savedStaticData(): IDataObject {
		return this.saved ?? {};
	}

	/** What n8n loads from the database for one request or activation (null stays null). */
	private loadStaticData(): IDataObject | undefined {
		return this.saved === null ? undefined : clone(this.saved);
	}

	private workflow(staticData: IDataObject | undefined): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			nodeTypes: nodeTypesOf(this.chosen.trigger),
			active: true,
			staticData,
			settings: {},
		});
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: new TestCredentialsHelper(
				credentialTypes,
				this.options.credentials ? { [this.chosen.credential]: this.options.credentials } : {},
			),
			executionId: undefined,
			currentNodeParameters: undefined,
			webhookBaseUrl: `${BASE_URL}/webhook`,
			webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
			webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
			formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
			restApiUrl: `${BASE_URL}/rest`,
			instanceBaseUrl: `${BASE_URL}/`,
			variables: {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: UrlMode,
	): IWebhookData {
		const description = this.chosen.trigger.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: this.node.webhookId ? `${this.node.webhookId}/${description.path}` : description.path,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'test',
		};
	}

	/**
	 * Runs webhookMethods.default.checkExists/create/delete as n8n does: on activation (and
	 * deactivation) for the production URL, around "listen for test event" for the test URL.
	 */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		mode: UrlMode = 'production',
	): Promise<unknown> {
		// Test listening: TestWebhooks.needsWebhook builds the workflow with empty static data and
		// keeps what create() left there with the registration; deactivateWebhooks hands it back.
		const staticData =
			mode === 'test'
				? method === 'delete'
					? clone(this.testStaticData ?? {})
					: {}
				: this.loadStaticData();
		const workflow = this.workflow(staticData);
		const additionalData = this.additionalData();
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			mode === 'test' ? 'manual' : 'trigger',
			mode === 'test' ? 'manual' : 'activate',
			this.webhookData(workflow, additionalData, mode),
		);
		const result = await this.chosen.trigger.webhookMethods.default[method].call(context);
		if (mode === 'production' && workflow.staticData.__dataChanged === true) {
			this.saved = clone(workflow.staticData);
		}
		if (mode === 'test') {
			this.testStaticData = method === 'delete' ? undefined : clone(workflow.staticData);
		}
		return result;
	}

	/** The URL n8n shows for the node and hands to getNodeWebhookUrl. */
	webhookUrl(mode: UrlMode = 'production'): string | undefined {
		const workflow = this.workflow({});
		const additionalData = this.additionalData();
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			mode === 'test' ? 'manual' : 'trigger',
			'activate',
			this.webhookData(workflow, additionalData, mode),
		);
		return context.getNodeWebhookUrl('default');
	}

	/** One POST to the node's URL. */
	async post(request: TriggerRequest, mode: UrlMode = 'production'): Promise<TriggerResponse> {
		const parsed = parseLikeN8n(request);
		if (parsed.rejected !== undefined) {
			return {
				statusCode: parsed.rejected,
				body: { message: 'Failed to parse request body' },
				started: false,
				items: [],
				nodeCalled: false,
			};
		}
		const headers: IDataObject = {
			...(request.contentType ? { 'content-type': request.contentType } : {}),
			'content-length': String(parsed.rawBody.length),
			...request.headers,
		};
		const req = {
			method: 'POST',
			body: parsed.body,
			rawBody: parsed.rawBody,
			headers,
			query: request.query ?? {},
			params: {},
			contentType: request.contentType,
		};
		const res = new RecordingResponse();

		const staticData = mode === 'test' ? {} : this.loadStaticData();
		const workflow = this.workflow(staticData);
		if (mode === 'test' && this.testStaticData) workflow.setTestStaticData(this.testStaticData);
		const additionalData = this.additionalData({ httpRequest: req, httpResponse: res });
		const executionMode: WorkflowExecuteMode = mode === 'test' ? 'manual' : 'webhook';
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData,
			executionMode,
			this.webhookData(workflow, additionalData, mode),
			[],
			null,
		);

		let result: IWebhookResponseData;
		try {
			result = await this.chosen.trigger.webhook.call(context);
		} catch (error) {
			// n8n answers 500 and records an errored execution.
			return {
				statusCode: 500,
				body: { message: 'Workflow Webhook Error: Workflow could not be started!' },
				started: true,
				items: [],
				nodeCalled: true,
				threw: error as Error,
			};
		}
		if (mode === 'production') {
			if (result.workflowData !== undefined && staticData !== undefined) {
				// WorkflowRunner.run() builds a Workflow over the same static data object (resetting
				// its change flag), then awaits database I/O, before LiveWebhooks saves.
				this.workflow(staticData);
				await sleep(2);
			}
			if (workflow.staticData.__dataChanged === true) this.saved = clone(workflow.staticData);
		}
		return this.answer(result, res);
	}

	/** A POST of a JSON body with application/json, as useapi.net sends its callbacks. */
	async postJson(
		body: unknown,
		mode: UrlMode = 'production',
		extra: Omit<TriggerRequest, 'raw'> = {},
	) {
		return await this.post(
			{ raw: JSON.stringify(body), contentType: 'application/json', ...extra },
			mode,
		);
	}

	/** What n8n sends back for webhook()'s result (responseMode onReceived, responseCode 200). */
	private answer(result: IWebhookResponseData, res: RecordingResponse): TriggerResponse {
		const base = { nodeCalled: true, result };
		if (result.noWebhookResponse === true) {
			const items = result.workflowData?.[0] ?? [];
			return {
				...base,
				statusCode: res.headersSent ? res.statusCode : undefined,
				body: res.body,
				started: result.workflowData !== undefined,
				items,
			};
		}
		if (result.workflowData === undefined) {
			return {
				...base,
				statusCode: 200,
				body: result.webhookResponse ?? { message: 'Webhook call received' },
				started: false,
				items: [],
			};
		}
		return {
			...base,
			statusCode: 200,
			body: this.onReceivedBody(result),
			started: true,
			items: result.workflowData[0] ?? [],
		};
	}

	/** extractWebhookOnReceivedResponse (webhooks/webhook-on-received-response-extractor.ts). */
	private onReceivedBody(result: IWebhookResponseData): unknown {
		const responseData =
			this.chosen.trigger.description.webhooks![0].responseData ?? 'firstEntryJson';
		if (responseData === 'noData') return undefined;
		if (responseData) return responseData;
		return result.webhookResponse ?? { message: 'Workflow was started' };
	}
}
