import type { IDataObject } from 'n8n-workflow';

import { UseApiMidjourneyDiscordApi } from '../credentials/UseApiMidjourneyDiscordApi.credentials';
import { Midjourney } from '../nodes/Midjourney/Midjourney.node';
import type { RunNodeResult } from '../tools/harness/runNode';
import { TOKEN, useSimulator } from './helpers/simulatorSession';
import { secretHits } from './helpers/secretScan';

/**
 * The Discord token lives in a credential that n8n encrypts, never in a node parameter: a node
 * parameter is stored in plain text in the workflow JSON, its exports, every execution's copy of
 * the workflow and, when the node fails, in the run data (error.node.parameters,
 * nodeExecutionStack[0].node.parameters). The scan here covers all of those.
 */
const session = useSimulator();

/** Test data, not a secret; unique so that any hit is this test's. */
const DISCORD = ['MTIzNDU2Nzg5MDEyMzQ1Njc4OQ', 'CrEdEn', 'discord-credential-test-77'].join('.');

/** The node as it was: Configure took the token as a (password-typed) node parameter. */
class FormerMidjourney extends Midjourney {
	constructor() {
		super();
		this.description = {
			...this.description,
			properties: [
				...this.description.properties,
				{
					displayName: 'Discord Token',
					name: 'discord',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					displayOptions: { show: { resource: ['account'], operation: ['configure'] } },
				},
			],
		};
	}
}

const CONFIGURE = {
	resource: 'account',
	operation: 'configure',
	maxJobs: 3,
	maxImageJobs: 3,
	maxVideoJobs: 3,
};

/** Everything n8n keeps of a run: the workflow copy (node parameters), run data, execution stack, errors. */
function stored(parameters: IDataObject, result: RunNodeResult): unknown {
	return {
		workflowData: { nodes: [{ name: 'MidjourneyV3', parameters }] },
		data: result.run.data,
		error: result.error,
		items: result.items,
	};
}

describe('Account → Configure takes the Discord token from its credential', () => {
	it('offers no Discord token parameter, and asks for the credential only on Configure', () => {
		const { description } = new Midjourney();
		expect(description.properties.some((p) => p.name === 'discord')).toBe(false);
		expect(description.credentials).toContainEqual({
			name: 'useApiMidjourneyDiscordApi',
			required: true,
			displayOptions: { show: { resource: ['account'], operation: ['configure'] } },
		});
		const credential = new UseApiMidjourneyDiscordApi();
		expect(credential.properties).toEqual([
			expect.objectContaining({ name: 'discordToken', typeOptions: { password: true } }),
		]);
	});

	it('sends the credential token to useapi.net, and it shows up nowhere n8n stores the run', async () => {
		const result = await session.run(CONFIGURE, { discordToken: DISCORD });
		expect(result.error).toBeUndefined();
		// useapi.net (the simulator) logs it masked, first and last three characters.
		expect(session.requests('POST', '/v3/midjourney/accounts')[0].body?.discord).toBe(
			`${DISCORD.slice(0, 3)}...${DISCORD.slice(-3)}`,
		);
		expect(secretHits(stored(CONFIGURE, result), [DISCORD, TOKEN])).toEqual([]);
	});

	it.each([
		['useapi.net refuses the API token (401)', CONFIGURE, 'refused-token'],
		['a limit fails the local check', { ...CONFIGURE, maxVideoJobs: 9 }, TOKEN],
	])(
		'keeps the token out of run data when Configure fails: %s',
		async (_case, parameters, token) => {
			const result = await session.run(parameters, { discordToken: DISCORD, token });
			expect(result.error?.message).toBeTruthy();
			expect(result.run.data.executionData?.nodeExecutionStack).toHaveLength(1);
			expect(secretHits(stored(parameters, result), [DISCORD])).toEqual([]);
		},
	);

	it('the scan would have caught the former Discord Token parameter: in the workflow copy, error.node and the execution stack', async () => {
		const former = new FormerMidjourney();
		const parameters = { ...CONFIGURE, discord: DISCORD };
		const result = await session.run(parameters, { token: 'refused-token', nodeType: former });
		expect(result.error?.message).toMatch(/did not accept the API token/);
		expect(secretHits(stored(parameters, result), [DISCORD])).toEqual(
			expect.arrayContaining([
				'$.workflowData.nodes.0.parameters.discord',
				'$.error.node.parameters.discord',
				'$.data.executionData.nodeExecutionStack.0.node.parameters.discord',
			]),
		);
	});
});
