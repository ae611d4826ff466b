// Runs a small Node script in a fresh process (memory figures must not include jest, the
// simulator or earlier benchmarks) and returns the JSON object it prints last.
const { spawn } = require('node:child_process');
const path = require('node:path');

/**
 * @param {string} script a file name in bench/
 * @param {Array<string | number>} args
 * @param {{ nodeArgs?: string[] }} options
 * @returns {Promise<unknown>}
 */
function runScript(script, args = [], { nodeArgs = [] } = {}) {
	const file = path.join(__dirname, script);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...nodeArgs, file, ...args.map(String)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const last = stdout.trim().split('\n').pop() ?? '';
			try {
				if (code !== 0) throw new Error(`exit code ${code}`);
				resolve(JSON.parse(last));
			} catch (error) {
				reject(
					new Error(
						`${script} failed (${error.message}):\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`,
					),
				);
			}
		});
	});
}

module.exports = { runScript };
