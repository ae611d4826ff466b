'use strict';
/**
 * Editor check: headless Chromium (Debian's /usr/bin/chromium, see scripts/install-chromium.sh,
 * driven by the playwright-core devDependency) signs in to a real n8n with two packed packages
 * installed (the root n8n-nodes-useapi-midjourney, then packages/midjourney-v1-api), opens
 * examples/01 (Manual Trigger -> MidjourneyV3), examples/04a (MidjourneyV3 Trigger), examples/08
 * (Midjourney v2 (Legacy)) and packages/midjourney-v1-api/examples/01 (Midjourney /v1 API),
 * double-clicks each of our nodes and checks that its panel shows our parameters,
 * with no "Install this node to use it" / unknown-node state, no parameter error, no node
 * issue, and a node icon that loaded. Screenshots go to test/e2e/artifacts/.screenshots/ (a PNG
 * anywhere else in the repo would be copied into dist/ by `n8n-node build`, see package.e2e.test.js).
 * A control workflow with a node type nobody installed must trip the same detector.
 * Skipped (with the reason printed) when /usr/bin/chromium is missing.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startStack } = require('../../tools/n8n/stack');
const { LEGACY_PLACEHOLDER_ID, V1_PLACEHOLDER_ID } = require('../../tools/n8n/examples');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A dot folder: `n8n-node build` copies every **/*.png of the repo into dist/ (and so into the
// published package), but its glob skips dot folders.
const ARTIFACTS = path.join(__dirname, 'artifacts', '.screenshots');

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
	console.warn(`[e2e] SKIPPING editor test: ${CHROMIUM} not found (run scripts/install-chromium.sh).`);
}
const testIfChromium = hasChromium ? test : test.skip;

/** What n8n shows for a node it cannot load or whose parameters broke. */
const BAD_TEXT = [
	/Install this node to use it/i,
	/not currently installed/i,
	/node is not installed/i,
	/Unrecognized node type/i,
	/problem loading the parameters/i,
	/Could not load/i,
	/\bnode type\b.*\bnot (found|known)\b/i,
];
const BAD_TEST_IDS = ['node-not-installed', 'install-community-node-button', 'node-issues', 'parameter-issues'];

let stack;
let context;
let page;
let userDataDir;
const pageErrors = [];

afterAll(async () => {
	await context?.close().catch(() => {});
	await stack?.stop();
	if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

async function openEditor() {
	const { chromium } = require('playwright-core');
	userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-chromium-'));
	context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	page = context.pages()[0] || (await context.newPage());
	page.on('pageerror', (e) => pageErrors.push(String(e)));
	const { n8n } = stack;
	await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n.owner.email);
	await page.locator('input[name="password"]').fill(n8n.owner.password);
	await page.locator('input[name="password"]').press('Enter');
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/**
 * Opens workflow `id`, double-clicks node `nodeName`, waits for its panel; returns what a user
 * would see: { problems[], canvasProblems[], iconOk, panelText, shot }.
 */
async function inspectNode(id, nodeName, shotName) {
	await page.goto(`${stack.n8n.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForLoadState('networkidle').catch(() => {});

	const canvas = await node.evaluate(async (el, badIds) => {
		const imgs = [...el.querySelectorAll('img')];
		await Promise.all(imgs.map((img) => (img.complete ? null : new Promise((r) => { img.onload = r; img.onerror = r; setTimeout(r, 5000); }))));
		return {
			text: el.innerText,
			icons: imgs.map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })),
			svgIcon: Boolean(el.querySelector('svg')),
			badIds: badIds.filter((t) => el.querySelector(`[data-test-id="${t}"]`) || el.getAttribute('data-test-id') === t),
		};
	}, BAD_TEST_IDS);
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS, `${shotName}-canvas.png`) });

	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 30_000 });
	// the parameter list (or, for an unknown node, the install prompt) has rendered
	await page
		.locator('[data-test-id="ndv"] [data-test-id="node-parameters"], [data-test-id="ndv"] [data-test-id="install-community-node-button"]')
		.first()
		.waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(500);
	const panelText = await ndv.innerText();
	// what the inputs hold (innerText does not include form values)
	const values = await ndv.evaluate((el) =>
		[...el.querySelectorAll('input, textarea')].map((i) => i.value).filter((v) => v && v.trim()),
	);
	const panelBadIds = [];
	for (const t of BAD_TEST_IDS) {
		if (await page.locator(`[data-test-id="ndv"] [data-test-id="${t}"]`).count()) panelBadIds.push(t);
	}
	const shot = path.join(ARTIFACTS, `${shotName}-panel.png`);
	await page.screenshot({ path: shot });
	await page.keyboard.press('Escape');

	const problems = [
		...BAD_TEXT.filter((re) => re.test(panelText) || re.test(canvas.text)).map((re) => `text ${re}`),
		...panelBadIds.map((t) => `panel element ${t}`),
		...canvas.badIds.map((t) => `canvas element ${t}`),
		...canvas.icons.filter((i) => !i.ok).map((i) => `node icon did not load: ${i.src}`),
	];
	if (!canvas.icons.length && !canvas.svgIcon) problems.push('node has no icon');
	if (/^\s*\?\s*$/m.test(canvas.text)) problems.push('node shows the "?" unknown-node icon');
	return { problems, panelText, values, shot, canvas };
}

testIfChromium('MidjourneyV3, its trigger, Midjourney /v1 API and Midjourney v2 (Legacy) open in the editor with their parameters (both packages installed)', async () => {
	stack = await startStack({ name: 'editor', packages: ['midjourney-v1-api'] });
	const { n8n } = stack;
	const actionWf = await stack.importExample('01');
	const triggerWf = await stack.importExample('04a');
	const discord = await n8n.createCredential('useApiMidjourneyDiscordApi', 'My Midjourney Discord', { discordToken: 'e2e-editor-discord-value' });
	const configureWf = await n8n.importWorkflow({
		name: 'e2e editor: Account → Configure',
		nodes: [
			{
				id: 'c1',
				name: 'Configure',
				type: 'n8n-nodes-useapi-midjourney.midjourney',
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'account', operation: 'configure' },
				credentials: {
					useApiMidjourneyApi: stack.credential,
					useApiMidjourneyDiscordApi: { id: String(discord.id), name: 'My Midjourney Discord' },
				},
			},
		],
		connections: {},
	});
	// The other APIs' nodes: their panels need only their credentials (no simulator is called).
	const v1Credential = await n8n.createCredential('midjourneyV1ProfileApi', 'Midjourney OpenAPI Profile API', { apiToken: 'e2e-editor-v1', baseUrl: 'http://127.0.0.1:9' });
	const legacy = await n8n.createCredential('useApiMidjourneyApi', 'useapi.net API (v2)', { apiToken: 'e2e-editor-v2', baseUrl: 'http://127.0.0.1:9' });
	const otherCredentials = {
		[V1_PLACEHOLDER_ID]: { id: String(v1Credential.id), name: 'Midjourney OpenAPI Profile API' },
		[LEGACY_PLACEHOLDER_ID]: { id: String(legacy.id), name: 'useapi.net API (v2)' },
	};
	const v1Wf = await stack.importExample('midjourney-v1-api/01', undefined, otherCredentials);
	const legacyWf = await stack.importExample('08', undefined, otherCredentials);
	const ghostWf = await n8n.importWorkflow({
		name: 'e2e editor control: a node nobody installed',
		nodes: [
			{ id: 'g1', name: 'Ghost', type: 'n8n-nodes-nonexistent.ghost', typeVersion: 1, position: [0, 0], parameters: {} },
		],
		connections: {},
	});
	await openEditor();

	// control: the detector sees an uninstalled node
	const ghost = await inspectNode(ghostWf, 'Ghost', 'editor-control-unknown-node');
	expect(ghost.problems.length).toBeGreaterThan(0);

	const action = await inspectNode(actionWf, 'Imagine', 'editor-midjourneyv3');
	if (action.problems.length) {
		throw new Error(`MidjourneyV3 panel problems: ${action.problems.join('; ')}\n(screenshot ${action.shot})\n${action.panelText}`);
	}
	for (const label of ['Credential', 'Resource', 'Operation', 'Prompt', 'Wait for Completion', 'Download Results', 'Options']) {
		expect(action.panelText).toContain(label);
	}
	expect(action.values).toEqual(
		expect.arrayContaining([
			'useapi.net API', // the credential is selected
			'Job',
			'Imagine',
			'Stream Progress (SSE)',
			'Single Images/Videos',
			expect.stringContaining('a lighthouse on a cliff at dusk'),
		]),
	);
	expect(action.canvas.icons.length).toBeGreaterThan(0);
	expect(action.canvas.icons[0].src).toContain('n8n-nodes-useapi-midjourney');

	// Configure: the Discord token is a credential picked in the panel, with no token field of its own.
	const configure = await inspectNode(configureWf, 'Configure', 'editor-midjourneyv3-configure');
	if (configure.problems.length) {
		throw new Error(`Configure panel problems: ${configure.problems.join('; ')}\n(screenshot ${configure.shot})\n${configure.panelText}`);
	}
	expect(configure.values).toEqual(expect.arrayContaining(['useapi.net API', 'My Midjourney Discord']));
	expect(configure.panelText).toContain('comes from the "Midjourney Discord Account API" credential');
	expect(configure.panelText).not.toMatch(/Discord Token/);
	expect(configure.values).not.toContain('e2e-editor-discord-value');

	const trigger = await inspectNode(triggerWf, 'Midjourney callback', 'editor-midjourneyv3-trigger');
	if (trigger.problems.length) {
		throw new Error(`MidjourneyV3 Trigger panel problems: ${trigger.problems.join('; ')}\n(screenshot ${trigger.shot})\n${trigger.panelText}`);
	}
	for (const label of ['Events', 'Verify with API']) expect(trigger.panelText).toContain(label);
	// n8n 2.x's words: the panel's button is "Execute step", and a workflow is published, not activated.
	expect(trigger.panelText).toContain('Publish the workflow, then paste the Production URL');
	expect(trigger.panelText).toContain('Test URL after "Execute step"');
	expect(trigger.panelText).not.toMatch(/Listen for test event|[Aa]ctivate the workflow/);

	const v1Node = await inspectNode(v1Wf, 'Imagine', 'editor-midjourney-v1-api');
	if (v1Node.problems.length) {
		throw new Error(`Midjourney /v1 API panel problems: ${v1Node.problems.join('; ')}\n(screenshot ${v1Node.shot})\n${v1Node.panelText}`);
	}
	for (const label of ['Credential', 'Operation', 'Prompt', 'Parameters', 'Wait for Completion', 'Options']) {
		expect(v1Node.panelText).toContain(label);
	}
	expect(v1Node.values).toEqual(expect.arrayContaining(['Midjourney OpenAPI Profile API', 'Imagine', 'Pause Until Callback']));
	// its icon comes from its own package
	expect(v1Node.canvas.icons.length).toBeGreaterThan(0);
	expect(v1Node.canvas.icons[0].src).toContain('n8n-nodes-midjourney-v1-api');

	const legacyNode = await inspectNode(legacyWf, 'Imagine', 'editor-midjourney-legacy');
	if (legacyNode.problems.length) {
		throw new Error(`Midjourney v2 (Legacy) panel problems: ${legacyNode.problems.join('; ')}\n(screenshot ${legacyNode.shot})\n${legacyNode.panelText}`);
	}
	for (const label of ['Credential', 'Operation', 'Prompt', 'Wait for Completion', 'Download Results']) {
		expect(legacyNode.panelText).toContain(label);
	}
	expect(legacyNode.values).toEqual(expect.arrayContaining(['useapi.net API (v2)', 'Imagine', 'Poll']));

	const ours = pageErrors.filter((e) => /midjourney|useapi/i.test(e));
	if (pageErrors.length) console.warn(`[e2e] editor page errors:\n${pageErrors.join('\n')}`);
	expect(ours).toEqual([]);
	expect(fs.statSync(action.shot).size).toBeGreaterThan(10_000);
	console.log(`[e2e] editor screenshots: ${path.relative(process.cwd(), action.shot)}, ${path.relative(process.cwd(), trigger.shot)}`);
});
