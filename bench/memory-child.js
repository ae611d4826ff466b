// One memory measurement in a fresh process: the node downloads a job's four images into n8n
// binary data, in the binary data mode given, while this process's RSS is sampled every 10 ms.
//   node --expose-gc bench/memory-child.js <default|filesystem> <simulator url> <api token>
// Prints one JSON line: baseline and peak RSS, and the stored files' sizes.
require('./ts-register');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sampleRss, rssNow, collectGarbage } = require('./rss');

const [mode, baseUrl, apiToken] = process.argv.slice(2);

/** n8n-core's BinaryDataService, from n8n-core's own copy of @n8n/di (the one it resolves itself). */
async function binaryDataService() {
	const { Container } = require(
		require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] }),
	);
	const { BinaryDataService } = require('n8n-core');
	const service = Container.get(BinaryDataService);
	if (mode !== 'filesystem') return { service, cleanup: () => undefined };
	const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-bench-binary-'));
	service.config.mode = 'filesystem';
	service.config.localStoragePath = storage;
	await service.init(); // FileSystemManager under `storage`
	return { service, cleanup: () => fs.rmSync(storage, { recursive: true, force: true }) };
}

async function main() {
	const { cleanup } = await binaryDataService();
	const { runNode } = require('../tools/harness/runNode.ts');
	const credentials = { apiToken, baseUrl };
	const parameters = {
		resource: 'job',
		operation: 'imagine',
		prompt: 'memory warm-up',
		waitMode: 'stream',
	};

	// Warm-up: load and run every code path except the download itself.
	await runNode({ parameters, credentials });
	collectGarbage();
	await new Promise((resolve) => setTimeout(resolve, 200));
	collectGarbage();
	const baseline = rssNow();

	const sampler = sampleRss(10);
	const started = Date.now();
	const result = await runNode({
		parameters: { ...parameters, prompt: 'memory run', download: 'singles' },
		credentials,
	});
	const durationMs = Date.now() - started;
	const peak = sampler.stop();

	if (result.error) throw new Error(result.error.message);
	const binary = Object.values(result.items[0].binary ?? {});
	const sizes = binary.map((file) => file.bytes ?? Buffer.byteLength(file.data, 'base64'));
	const out = {
		mode,
		storedAs: binary.every((file) => file.id) ? 'files' : 'in memory',
		files: sizes.length,
		largest: Math.max(...sizes),
		total: sizes.reduce((sum, size) => sum + size, 0),
		baseline,
		peak,
		durationMs,
	};
	cleanup();
	process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exit(1);
	},
);
