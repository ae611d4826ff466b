'use strict';
/**
 * The Discord token in a real n8n: it lives in the "Midjourney Discord Account API" credential,
 * which n8n stores encrypted, and Account → Configure sends it to useapi.net from there. After a
 * Configure that succeeds and one that fails, neither the Discord token nor the API token is
 * anywhere n8n keeps: the workflow (and its export), each execution's data and its copy of the
 * workflow, n8n's log, or its database files in plain text.
 */
const crypto = require('node:crypto');

const { startStack } = require('../../tools/n8n/stack');
const { assertNoTokenLeak } = require('../../tools/n8n/hygiene');

let stack;
afterAll(async () => {
	await stack?.stop();
});

const DISCORD = `MTE${crypto.randomBytes(9).toString('hex')}.e2e.${crypto.randomBytes(12).toString('hex')}`;

function configureWorkflow(name, credentials, parameters = {}) {
	return {
		name,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'configure',
				name: 'Configure',
				type: 'n8n-nodes-useapi-midjourney.midjourney',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'account', operation: 'configure', maxJobs: 3, maxImageJobs: 3, maxVideoJobs: 3, ...parameters },
				credentials,
			},
		],
		connections: { Start: { main: [[{ node: 'Configure', type: 'main', index: 0 }]] } },
	};
}

test('Account → Configure takes the Discord token from its credential, and no token is stored anywhere in plain text', async () => {
	stack = await startStack({ name: 'discord-credential', sim: { jobDurationMs: 300 } });
	const { n8n, sim, credential } = stack;
	const created = await n8n.createCredential('useApiMidjourneyDiscordApi', 'Midjourney Discord', { discordToken: DISCORD });
	const discordCredential = { id: String(created.id), name: 'Midjourney Discord' };
	const credentials = { useApiMidjourneyApi: credential, useApiMidjourneyDiscordApi: discordCredential };

	// n8n hands the credential back without its data.
	const listed = await n8n.rest('GET', `/rest/credentials/${discordCredential.id}`);
	expect(JSON.stringify(listed)).not.toContain(DISCORD);

	const ok = await n8n.importWorkflow(configureWorkflow('e2e: configure', credentials));
	const run = await n8n.runWorkflow(ok);
	expect(run.status).toBe('success');
	const [channel] = run.output('Configure');
	expect(channel).toMatchObject({ channel: expect.any(String), maxJobs: 3 });
	// It reached useapi.net (the simulator logs it masked, as the API echoes it).
	const post = sim.log.find((r) => r.method === 'POST' && r.path === '/v3/midjourney/accounts');
	expect(post.body.discord).toBe(`${DISCORD.slice(0, 3)}...${DISCORD.slice(-3)}`);

	// A Configure that fails: the error and the execution stack carry the node and its parameters.
	const failing = await n8n.importWorkflow(configureWorkflow('e2e: configure fails', credentials, { maxVideoJobs: 9 }));
	const failed = await n8n.runWorkflow(failing);
	expect(failed.status).toBe('error');
	expect(JSON.stringify(failed.error)).toMatch(/Max Video Jobs \(9\) is more than Max Jobs \(3\)/);

	// The workflow as exported: no token, and no Discord token parameter at all.
	const exported = await n8n.getWorkflow(ok);
	expect(exported.nodes.find((node) => node.name === 'Configure').parameters).not.toHaveProperty('discord');

	await assertNoTokenLeak(stack, { minExecutions: 2, secrets: { 'the Discord token': DISCORD } });

	// The scan would have caught the former design, a token typed into the workflow: here in a
	// sticky note, which every execution's copy of the workflow carries as well.
	const typedIn = await n8n.importWorkflow({
		name: 'e2e: a token typed into the workflow',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'note', name: 'Note', type: 'n8n-nodes-base.stickyNote', typeVersion: 1, position: [0, 200], parameters: { content: DISCORD } },
		],
		connections: {},
	});
	expect((await n8n.runWorkflow(typedIn)).status).toBe('success');
	const leak = await assertNoTokenLeak(stack, { minExecutions: 3, secrets: { 'the Discord token': DISCORD } }).catch((e) => e);
	expect(leak).toBeInstanceOf(Error);
	expect(leak.message).toMatch(/^execution \d+ contains the Discord token/m);
	expect(leak.message).toMatch(/^workflow \w+ contains the Discord token/m);
});
