#!/usr/bin/env node
/**
 * A live smoke check of Legnext's Midjourney API, for the first user with a key: what the
 * package (packages/midjourney-legnext) assumes, checked against the real service, and what
 * each open question of the facts sheet turned out to be.
 *
 *   LEGNEXT_API_KEY=… npm run smoke:legnext                 free reads only
 *   LEGNEXT_API_KEY=… npm run smoke:legnext -- --imagine     also one imagine (about 80 points)
 *   … -- --imagine --upscale                                 and U1 of it (about 120 points more)
 *   … -- --shorten                                           one shorten (about 20 points)
 *
 * LEGNEXT_BASE_URL (default https://api.legnext.ai) points it elsewhere, e.g. at the simulator.
 * Free reads: the balance, the same with a wrong key, a job that does not exist (with and
 * without the key), account/info and account/active_tasks. Nothing is paid for without a flag.
 * The key is sent only to the base URL and never printed. Exit code 0 when every check that ran
 * passed, 1 otherwise, 2 for bad usage.
 */

const USAGE =
	'usage: LEGNEXT_API_KEY=<key> [LEGNEXT_BASE_URL=<url>] node scripts/smoke-legnext.mjs [--imagine [--upscale]] [--shorten] [--prompt "<text>"] [--timeout <seconds>]';

function parseArgs(argv) {
	const options = {
		imagine: false,
		upscale: false,
		shorten: false,
		prompt: 'a lighthouse at dawn, oil painting --v 7',
		timeout: 300,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--imagine') options.imagine = true;
		else if (arg === '--upscale') options.upscale = true;
		else if (arg === '--shorten') options.shorten = true;
		else if (arg === '--prompt') options.prompt = argv[++i];
		else if (arg === '--timeout') options.timeout = Number(argv[++i]);
		else if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`unknown argument ${arg}\n${USAGE}`);
			process.exit(2);
		}
	}
	if (options.upscale && !options.imagine) {
		console.error(`--upscale needs --imagine (it upscales that job's first image)\n${USAGE}`);
		process.exit(2);
	}
	if (!options.prompt || !Number.isFinite(options.timeout) || options.timeout <= 0) {
		console.error(USAGE);
		process.exit(2);
	}
	return options;
}

const options = parseArgs(process.argv.slice(2));
const key = process.env.LEGNEXT_API_KEY ?? '';
const base = (process.env.LEGNEXT_BASE_URL || 'https://api.legnext.ai').replace(/\/+$/, '');
if (key === '') {
	console.error(`LEGNEXT_API_KEY is not set.\n${USAGE}`);
	process.exit(2);
}

const UNKNOWN_JOB = '00000000-0000-4000-8000-000000000000';
let failures = 0;
const answers = new Map(); // open question number -> what was seen

const redact = (text) => String(text).split(key).join('[key]');
const show = (value) => redact(JSON.stringify(value)).slice(0, 400);

function check(ok, what, detail = '') {
	if (!ok) failures++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
	return ok;
}

function answer(question, text) {
	const seen = answers.get(question) ?? [];
	seen.push(text);
	answers.set(question, seen);
}

async function call(method, path, { body, withKey = true, apiKey = key } = {}) {
	const headers = { accept: 'application/json' };
	if (withKey) headers['x-api-key'] = apiKey;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const started = Date.now();
	try {
		const response = await fetch(`${base}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return {
			status: response.status,
			json,
			text,
			headers: response.headers,
			ms: Date.now() - started,
		};
	} catch (error) {
		return { status: 0, error: error.cause?.code ?? error.message, ms: Date.now() - started };
	}
}

/** The shape of an error body: the captured task shape, S2's envelope, or something else. */
function errorShape(json) {
	if (!json || typeof json !== 'object') return 'not JSON';
	if (typeof json.job_id === 'string' && json.error && typeof json.error === 'object')
		return 'task-shaped (job_id, status failed, error{code,message})';
	if (json.error && typeof json.error === 'object')
		return 'envelope { error: { code, message, … } }';
	return `other: keys ${Object.keys(json).join(', ')}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freeChecks() {
	console.log(`\nFree reads at ${base}`);
	const balance = await call('GET', '/api/account/balance');
	const data = balance.json?.data;
	if (
		!check(
			balance.status === 200 && data && typeof data === 'object',
			'GET /api/account/balance answers 200 with { code, message, data }',
			balance.status === 0 ? `no answer: ${balance.error}` : `HTTP ${balance.status}`,
		)
	) {
		if (balance.status === 401) console.log('     the key was refused: check LEGNEXT_API_KEY');
		return false;
	}
	for (const field of ['account_id', 'balance_usd', 'available_credits', 'available_points']) {
		check(field in data, `balance has ${field}`, field in data ? String(data[field]) : 'missing');
	}

	const wrongKey = await call('GET', '/api/account/balance', {
		apiKey: `${key.slice(0, 4)}-not-a-key`,
	});
	check(wrongKey.status === 401, 'a wrong key answers 401', `HTTP ${wrongKey.status}`);
	answer(7, `401 body: ${errorShape(wrongKey.json)}: ${show(wrongKey.json ?? wrongKey.text)}`);

	const unknown = await call('GET', `/api/v1/job/${UNKNOWN_JOB}`);
	check(
		[400, 404].includes(unknown.status),
		'an unknown job id answers 404 (or 400)',
		`HTTP ${unknown.status}`,
	);
	answer(7, `unknown job (HTTP ${unknown.status}) body: ${errorShape(unknown.json)}`);

	const noKey = await call('GET', `/api/v1/job/${UNKNOWN_JOB}`, { withKey: false });
	answer(
		6,
		noKey.status === 401
			? 'GET /job/{id} without a key answers 401: the key is needed (the node always sends it)'
			: `GET /job/{id} without a key answers HTTP ${noKey.status} (not 401): the job read may not need the key; the node sends it anyway`,
	);

	for (const path of ['/api/account/info', '/api/account/active_tasks']) {
		const read = await call('GET', path);
		answer(
			9,
			read.status === 200
				? `${path} exists (HTTP 200): ${show(read.json)}`
				: `${path} answers HTTP ${read.status}: ${read.status === 404 ? 'does not exist' : 'unclear'}`,
		);
		if (path.endsWith('active_tasks') && read.status === 200 && read.json) {
			const limit = read.json.concurrent_limit ?? read.json.data?.concurrent_limit;
			if (limit !== undefined) answer(3, `active_tasks reports concurrent_limit ${limit}`);
		}
	}
	return true;
}

/** Submits one task and reads it until final; records what the open questions ask. */
async function runTask(label, path, body) {
	console.log(`\n${label}: POST ${path} (paid)`);
	const created = await call('POST', path, { body });
	if (
		!check(
			created.status === 200 &&
				typeof created.json?.job_id === 'string' &&
				created.json.job_id !== '',
			`${label} is accepted with a job_id`,
			`HTTP ${created.status} ${created.status === 200 ? '' : show(created.json ?? created.text)}`,
		)
	) {
		if (created.status === 402)
			answer(7, `402 body: ${errorShape(created.json)}: ${show(created.json)}`);
		if (created.status === 429)
			answer(
				3,
				`a submit answered 429${created.headers?.get('retry-after') ? ` with Retry-After ${created.headers.get('retry-after')}` : ' without Retry-After'}`,
			);
		return undefined;
	}
	const jobId = created.json.job_id;
	console.log(`     job_id ${jobId}, status ${created.json.status}`);
	const statuses = [created.json.status];
	const deadline = Date.now() + options.timeout * 1000;
	let task = created.json;
	while (!['completed', 'failed'].includes(task.status) && Date.now() < deadline) {
		await sleep(statuses.length < 3 ? 3000 : 5000);
		const read = await call('GET', `/api/v1/job/${jobId}`);
		if (read.status !== 200 || !read.json) {
			console.log(`     read answered HTTP ${read.status}; trying again`);
			continue;
		}
		task = read.json;
		if (statuses.at(-1) !== task.status) statuses.push(task.status);
	}
	console.log(`     statuses seen: ${statuses.join(' → ')}`);
	answer(
		4,
		`${label}: statuses seen ${statuses.join(' → ')}${statuses.includes('staged') ? '' : ' (staged not seen by polling)'}`,
	);
	const unknownStatuses = statuses.filter(
		(s) => !['pending', 'staged', 'processing', 'completed', 'failed'].includes(s),
	);
	if (unknownStatuses.length > 0) answer(4, `undocumented statuses: ${unknownStatuses.join(', ')}`);
	if (
		!check(
			task.status === 'completed',
			`${label} completed within ${options.timeout} s`,
			`status ${task.status}${task.error?.message ? `: ${task.error.message}` : ''}`,
		)
	) {
		if (task.status !== 'failed')
			console.log(
				`     the job keeps running (Legnext has no cancel): read it later, GET /api/v1/job/${jobId}`,
			);
		return undefined;
	}
	const usage = task.meta?.usage;
	check(usage && typeof usage.consume === 'number', `${label} reports meta.usage`, show(usage));
	answer(8, `${label}: meta.usage ${show(usage)}`);
	console.log(`     output keys: ${Object.keys(task.output ?? {}).join(', ')}`);
	return task;
}

async function paidChecks() {
	if (options.imagine) {
		const task = await runTask('imagine', '/api/v1/diffusion', { text: options.prompt });
		if (task) {
			const { output } = task;
			check(
				typeof output.image_url === 'string' && output.image_url !== '',
				'output.image_url (the grid) is set',
			);
			check(
				Array.isArray(output.image_urls) && output.image_urls.length === 4,
				'output.image_urls lists 4 images',
				show(output.image_urls),
			);
			check(
				output.available_actions && typeof output.available_actions === 'object',
				'output.available_actions is present',
				show(output.available_actions),
			);
			const file = await fetch(output.image_urls?.[0] ?? output.image_url, {
				method: 'GET',
				signal: AbortSignal.timeout(30_000),
			}).catch((e) => ({ status: 0, statusText: e.message }));
			check(
				file.status === 200,
				'the first image downloads without the key',
				`HTTP ${file.status}`,
			);
			const noKey = await call('GET', `/api/v1/job/${task.job_id}`, { withKey: false });
			answer(6, `a real job read without a key answers HTTP ${noKey.status}`);
			if (!/--v\s/.test(options.prompt))
				answer(8, `default version: the prompt had no --v; input is ${show(task.input)}`);
			if (options.upscale) {
				const upscaled = await runTask('upscale', '/api/v1/upscale', {
					jobId: task.job_id,
					imageNo: 0,
					type: 0,
				});
				if (upscaled) {
					answer(
						2,
						`upscale output: image_url ${upscaled.output.image_url ? 'set' : 'empty'}, image_urls ${show(upscaled.output.image_urls)}`,
					);
				}
			}
		}
	}
	if (options.shorten) {
		const task = await runTask('shorten', '/api/v1/shorten', { prompt: options.prompt });
		if (task) answer(1, `shorten output: ${show(task.output)}`);
	}
}

const QUESTIONS = [
	[
		1,
		'Where describe/shorten put their text, where video tasks put video URLs',
		'run with --shorten (describe and video are not run: the node looks for output.prompts, then any list of texts; video_urls, then any list of .mp4 URLs)',
	],
	[
		2,
		'Upscale output shape; upscale type 2/3',
		'run with --imagine --upscale (type 2/3 is not tried: the node offers them marked unconfirmed)',
	],
	[
		3,
		'429 vs queueing above the concurrency limit; Retry-After',
		'not checked: it would take 7 paid jobs at once (the node waits out 429s and waits through pending jobs)',
	],
	[
		4,
		'Intermediate statuses; retry; callbacks on non-final states',
		'run with --imagine (callbacks are not checked: they need a public URL)',
	],
	[
		5,
		'Callback retries, timeouts, signing, timestamp unit',
		'not checked: needs a public URL (the node verifies every callback by reading the job)',
	],
	[
		6,
		'Whether GET /job/{id} needs the key; how long jobs stay',
		'job lifetime not checked (needs days)',
	],
	[7, 'Error body shape for 400/401/402/429', ''],
	[8, 'Prices, relax mode, default version', 'run with --imagine (relax is not tried)'],
	[9, 'Do account/info and account/active_tasks exist?', ''],
	[
		10,
		'docs.legnext.ai unreachable when the sheet was written',
		'not something this script can check: read docs.legnext.ai',
	],
];

async function main() {
	console.log(
		`Legnext smoke check (${options.imagine || options.shorten ? 'paid jobs allowed by flags' : 'free reads only'})`,
	);
	const reachable = await freeChecks();
	if (reachable) await paidChecks();
	console.log('\nOpen questions of the facts sheet (shared/api-docs/legnext/README.md §13)');
	for (const [number, question, otherwise] of QUESTIONS) {
		const seen = answers.get(number);
		console.log(`${number}. ${question}`);
		if (seen) for (const line of seen) console.log(`   seen: ${line}`);
		else console.log(`   ${otherwise || 'not checked'}`);
	}
	console.log(`\n${failures === 0 ? 'All checks passed.' : `${failures} check(s) failed.`}`);
	process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
	console.error(redact(error.stack ?? error));
	process.exit(1);
});
