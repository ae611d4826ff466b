'use strict';
// `npm run simulator -- --api <name>` starts the chosen simulator standalone (what a user with
// their own n8n runs), and refuses an unknown name before starting anything.
const { spawn } = require('node:child_process');
const path = require('node:path');

const SCRIPT = path.join(__dirname, '..', 'scripts', 'simulator.mjs');

function firstLine(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (out.includes('\n')) {
				child.kill('SIGTERM');
				resolve({ line: out.split('\n')[0] });
			}
		});
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ line: out.split('\n')[0], code, err }));
	});
}

test.each([
	[[], /^useapi\.net Midjourney v3 simulator listening on http:\/\/127\.0\.0\.1:\d+$/],
	[['--api', 'v1'], /^Midjourney \/v1 simulator listening on http:\/\/127\.0\.0\.1:\d+$/],
	[['--api', 'legnext'], /^Legnext simulator listening on http:\/\/127\.0\.0\.1:\d+/],
])('npm run simulator -- %j starts that simulator', async (args, expected) => {
	const extra = args[1] === 'legnext' ? ['--cdn-port', '0'] : [];
	const { line } = await firstLine([...args, '--port', '0', ...extra]);
	expect(line).toMatch(expected);
});

test('an unknown --api is refused with the list of simulators', async () => {
	const { code, err } = await firstLine(['--api', 'v9']);
	expect(code).toBe(2);
	expect(err).toContain('--api must be one of v3, v1, legnext (got v9)');
});
