'use strict';
/**
 * Editor check: headless Chromium (Debian's /usr/bin/chromium, see scripts/install-chromium.sh,
 * driven by the playwright-core devDependency) signs in to a real n8n through the login form,
 * opens a workflow and saves a screenshot to test/e2e/artifacts/.
 * Skipped (with the reason printed) when /usr/bin/chromium is missing.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startN8n } = require('./harness/n8n');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, 'artifacts');

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
	console.warn(`[e2e] SKIPPING editor test: ${CHROMIUM} not found (run scripts/install-chromium.sh).`);
}
const testIfChromium = hasChromium ? test : test.skip;

const workflow = {
	name: 'e2e editor: manual -> set',
	nodes: [
		{
			id: '3b0c1e7a-0000-4000-8000-000000000001',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: '3b0c1e7a-0000-4000-8000-000000000002',
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [260, 0],
			parameters: {
				mode: 'manual',
				assignments: { assignments: [{ id: 'a', name: 'ok', value: true, type: 'boolean' }] },
				options: {},
			},
		},
	],
	connections: { 'Manual Trigger': { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
};

describe('n8n editor', () => {
	let n8n;
	let browser;
	let userDataDir;
	afterAll(async () => {
		await browser?.close().catch(() => {});
		await n8n?.stop();
		if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
	});

	testIfChromium('signs in with headless Chromium, opens a workflow, saves a screenshot', async () => {
		const { chromium } = require('playwright-core');
		n8n = await startN8n({ name: 'editor' });
		const id = await n8n.importWorkflow(workflow);

		userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-chromium-'));
		const context = await chromium.launchPersistentContext(userDataDir, {
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
		browser = context;
		const page = context.pages()[0] || (await context.newPage());
		const consoleErrors = [];
		page.on('pageerror', (e) => consoleErrors.push(String(e)));

		await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded' });
		await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n.owner.email);
		await page.locator('input[name="password"]').fill(n8n.owner.password);
		await page.locator('input[name="password"]').press('Enter');
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });

		await page.goto(`${n8n.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		const nodes = page.locator('[data-test-id="canvas-node"]');
		await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
		await page.getByText('Set', { exact: true }).first().waitFor({ timeout: 30_000 });
		expect(await nodes.count()).toBeGreaterThanOrEqual(2);

		fs.mkdirSync(ARTIFACTS, { recursive: true });
		const shot = path.join(ARTIFACTS, `editor-workflow-${id}.png`);
		await page.screenshot({ path: shot, fullPage: true });
		expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
		if (consoleErrors.length) console.warn(`[e2e] editor page errors:\n${consoleErrors.join('\n')}`);
	});
});
