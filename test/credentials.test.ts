import type { IHttpRequestOptions, INode, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { request } from 'undici';

import { UseApiMidjourneyApi } from '../credentials/UseApiMidjourneyApi.credentials';
import { TestCredentialsHelper } from '../tools/harness/CredentialsHelper';
import { TOKEN, useSimulator } from './helpers/simulatorSession';

const session = useSimulator();
const credentialType = new UseApiMidjourneyApi();

const node: INode = {
	id: 'n',
	name: 'n',
	type: 'noop',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes,
});

/** Sends the credential's declared test request the way n8n would: expressions resolved, auth applied. */
async function testCredential(apiToken: string, baseUrl: string) {
	const credentials = { apiToken, baseUrl };
	const declared = credentialType.test.request;
	const resolvedBase = workflow.expression.getSimpleParameterValue(
		node,
		declared.baseURL as string,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	) as string;
	const helper = new TestCredentialsHelper({ useApiMidjourneyApi: credentialType }, {});
	const authed = (await helper.authenticate(
		credentials,
		'useApiMidjourneyApi',
		{ url: declared.url as string, headers: {} } as IHttpRequestOptions,
		workflow,
		node,
	)) as IHttpRequestOptions;
	const response = await request(resolvedBase + authed.url, {
		method: 'GET',
		headers: authed.headers as Record<string, string>,
	});
	await response.body.text();
	return response.statusCode;
}

describe('useapi.net API credential', () => {
	it('tests with a free, read-only GET /jobs that passes for a valid token', async () => {
		expect(await testCredential(TOKEN, session.sim.url)).toBe(200);
		expect(session.sim.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v3/midjourney/jobs',
		]);
	});

	it('passes even before any Midjourney channel is configured', async () => {
		await session.run({ resource: 'account', operation: 'delete', channel: '1234567890123456789' });
		expect(await testCredential(TOKEN, `${session.sim.url}/`)).toBe(200);
	});

	it('fails for a wrong token', async () => {
		expect(await testCredential('not-the-token', session.sim.url)).toBe(401);
	});

	it('sends the token as a Bearer header', async () => {
		const helper = new TestCredentialsHelper({ useApiMidjourneyApi: credentialType }, {});
		const authed = await helper.authenticate(
			{ apiToken: 'abc' },
			'useApiMidjourneyApi',
			{ url: '/x' } as IHttpRequestOptions,
			workflow,
			node,
		);
		expect(authed.headers).toEqual({ Authorization: 'Bearer abc' });
	});
});
