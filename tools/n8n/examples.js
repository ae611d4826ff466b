'use strict';
/**
 * The example workflows of each package of the repo, made importable into one particular n8n.
 * Each package has its own examples folder: the root package's examples/*.json, and
 * packages/<name>/examples/*.json for the others (examplesDir(name)).
 *  - the placeholder credential id `useapi-credential` is replaced by a real credential's id, and
 *    so are the other placeholders (the /v1, Legnext and legacy v2 APIs' credentials, and example
 *    09's OpenAI credential), when the caller passes a credential for them;
 *  - a Reply URL or Callback URL that points at an n8n webhook (`http://localhost:5678/webhook/...`
 *    in examples/04b and packages/midjourney-legnext/examples/05b) is re-based on that n8n's
 *    webhook URL, so the callbacks reach the trigger of 04a (05a).
 * Used by the e2e tests and by scripts/start.js (plain CommonJS, Node >= 20).
 */
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const PLACEHOLDER_CREDENTIAL_ID = 'useapi-credential';
const CREDENTIAL_TYPE = 'useApiMidjourneyApi';
/** the Midjourney OpenAPI Profile API credential (midjourneyV1ProfileApi) of packages/midjourney-v1-api's examples */
const V1_PLACEHOLDER_ID = 'midjourney-v1-credential';
/** the Midjourney (Legnext) API credential (midjourneyLegnextApi) of packages/midjourney-legnext's examples */
const LEGNEXT_PLACEHOLDER_ID = 'midjourney-legnext-credential';
const LEGACY_PLACEHOLDER_ID = 'useapi-v2-credential';
/** example 09's OpenAI Chat Model (an openAiApi credential: a real key, or a local mock model) */
const OPENAI_PLACEHOLDER_ID = 'openai-credential';
const NODE_TYPE = 'n8n-nodes-useapi-midjourney.midjourney';
const TRIGGER_TYPE = 'n8n-nodes-useapi-midjourney.midjourneyTrigger';
/** the trigger types of the repo's packages whose webhook path is `callback` */
const TRIGGER_TYPES = [TRIGGER_TYPE, 'n8n-nodes-midjourney-legnext.midjourneyLegnextTrigger'];

/** The examples folder of a package: 'root' (or none) → examples/, '<name>' → packages/<name>/examples/. */
function examplesDir(packageName) {
	if (!packageName || packageName === 'root' || packageName === '.') return EXAMPLES_DIR;
	return path.join(REPO_ROOT, 'packages', packageName, 'examples');
}

/** [{ file: '01-imagine-download.json', key: '01', json }] sorted by file name. */
function loadExamples(dir = EXAMPLES_DIR) {
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			key: file.split('-')[0],
			json: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
		}));
}

/**
 * One example by its number prefix ('01', '04a', ...) in `dir`; a key '<package>/<number>'
 * ('midjourney-v1-api/01') names another package's example.
 */
function loadExample(key, dir = EXAMPLES_DIR) {
	const slash = key.lastIndexOf('/');
	if (slash > 0) {
		dir = examplesDir(key.slice(0, slash));
		key = key.slice(slash + 1);
	}
	const found = loadExamples(dir).find((e) => e.key === key);
	if (!found) throw new Error(`no example ${key}-*.json in ${dir}`);
	return found.json;
}

const WEBHOOK_URL_RE = /^https?:\/\/[^/]+\/((?:webhook|webhook-test)\/.+)$/;

function rebase(value, webhookUrl) {
	if (typeof value === 'string') {
		const m = WEBHOOK_URL_RE.exec(value);
		return m && webhookUrl ? `${webhookUrl.replace(/\/?$/, '/')}${m[1]}` : value;
	}
	if (Array.isArray(value)) return value.map((v) => rebase(v, webhookUrl));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v, webhookUrl)]));
	}
	return value;
}

/**
 * A deep copy of `workflow` ready for this n8n. Options:
 *   credential  { id, name } of a useApiMidjourneyApi credential (replaces the placeholder id)
 *   credentials { [placeholder id]: { id, name } } for the other APIs' credentials
 *               (V1_PLACEHOLDER_ID: Midjourney OpenAPI Profile API, LEGNEXT_PLACEHOLDER_ID:
 *               Midjourney (Legnext) API, LEGACY_PLACEHOLDER_ID: v2, OPENAI_PLACEHOLDER_ID: OpenAI)
 *   webhookUrl  this n8n's webhook base (e.g. 'http://127.0.0.1:5678/'): Reply URLs are re-based
 */
function prepareWorkflow(workflow, { credential, credentials = {}, webhookUrl } = {}) {
	const wf = JSON.parse(JSON.stringify(workflow));
	const byPlaceholder = { ...credentials, ...(credential ? { [PLACEHOLDER_CREDENTIAL_ID]: credential } : {}) };
	for (const node of wf.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const real = byPlaceholder[ref?.id || (type === CREDENTIAL_TYPE ? PLACEHOLDER_CREDENTIAL_ID : '')];
			if (real) node.credentials[type] = { id: String(real.id), name: real.name };
		}
		if (webhookUrl) node.parameters = rebase(node.parameters, webhookUrl);
	}
	return wf;
}

/** The production URL of a MidjourneyV3 (or Midjourney (Legnext)) Trigger node of `workflow` on this n8n. */
function triggerUrl(workflow, webhookUrl, nodeName) {
	const trigger = workflow.nodes.find(
		(n) => TRIGGER_TYPES.includes(n.type) && (!nodeName || n.name === nodeName),
	);
	if (!trigger?.webhookId) throw new Error(`workflow "${workflow.name}" has no MidjourneyV3 or Legnext Trigger with a webhookId`);
	return `${webhookUrl.replace(/\/?$/, '/')}webhook/${trigger.webhookId}/callback`;
}

module.exports = {
	EXAMPLES_DIR,
	PLACEHOLDER_CREDENTIAL_ID,
	V1_PLACEHOLDER_ID,
	LEGNEXT_PLACEHOLDER_ID,
	LEGACY_PLACEHOLDER_ID,
	OPENAI_PLACEHOLDER_ID,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	TRIGGER_TYPE,
	TRIGGER_TYPES,
	examplesDir,
	loadExamples,
	loadExample,
	prepareWorkflow,
	triggerUrl,
};
