'use strict';
/**
 * n8n in queue mode for e2e tests: Redis + Postgres (harness/services.js), then main, N workers
 * and one webhook processor, all on 127.0.0.1, sharing one user folder (with the packed package
 * installed once), one encryption key, one database and one Redis.
 *
 *   const cluster = await startQueueCluster({ packageTarball });
 *   cluster.main           the harness's n8n instance (REST, login, activate, executions, ...): `n8n start`
 *   cluster.webhook        { url, webhookUrl, pid, logFile, kill(sig), stop(), restart() }: `n8n webhook`
 *   cluster.workers[i]     { name, pid, logFile, kill(sig), stop(), restart() }: `n8n worker --concurrency=N`
 *   cluster.workersThatRan(executionId)   names of the workers whose log says they ran it
 *   await cluster.stop()   every process by PID (SIGTERM, then SIGKILL), then Redis and Postgres
 *
 * WEBHOOK_URL points every process at the webhook processor, so production webhook URLs and the
 * resume URLs of waiting executions ($execution.resumeUrl) are served there. Main serves
 * production webhooks too unless `mainServesWebhooks: false` (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
 * Manual executions are offloaded to workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS, n8n 3's rule).
 */
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const {
	startN8n,
	ensureRuntime,
	installPackage,
	tarballsOf,
	n8nEnv,
	startN8nProcess,
	freePorts,
	ARTIFACTS_DIR,
} = require('./n8n');
const { startRedis, startPostgres } = require('./services');

const WEBHOOK_READY_LINE = 'Webhook listener waiting for requests.';
const WORKER_READY_LINE = 'n8n worker is now ready';

function stamp() {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Options (all optional): packageTarball or packageTarballs [...], workers (2), concurrency (2 per worker),
 * mainServesWebhooks (true), env (extra environment for every process), name (log file prefix),
 * bootTimeoutMs (per process, default 240000: four n8n processes boot at once on 2 cores).
 */
async function startQueueCluster(opts = {}) {
	const {
		name = 'queue',
		workers: workerCount = 2,
		concurrency = 2,
		mainServesWebhooks = true,
		bootTimeoutMs = 240_000,
	} = opts;
	const rt = await ensureRuntime();
	const started = []; // everything to stop, in start order
	const cluster = { workers: [], userFolder: undefined };
	let userFolder;

	async function stopAll() {
		const procs = [cluster.main, cluster.webhook, ...cluster.workers].filter(Boolean);
		await Promise.all(procs.map((p) => p.stop().catch(() => {})));
		for (const s of started.reverse()) await s.stop().catch(() => {});
		started.length = 0;
		if (userFolder) await fsp.rm(userFolder, { recursive: true, force: true });
	}

	try {
		// Both settle before either failure is thrown, so a service that did start is stopped too
		// (with Promise.all, Postgres outlived a missing redis-server).
		const services = await Promise.allSettled([
			startRedis({ name: `${name}-redis` }),
			startPostgres({ name: `${name}-postgres` }),
		]);
		for (const s of services) if (s.status === 'fulfilled') started.push(s.value);
		const refused = services.find((s) => s.status === 'rejected');
		if (refused) throw refused.reason;
		const [redis, postgres] = services.map((s) => s.value);
		cluster.redis = redis;
		cluster.postgres = postgres;
		userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-queue-'));
		cluster.userFolder = userFolder;

		const [mainPort, mainBroker, hookPort, hookBroker, ...rest] = await freePorts(4 + 3 * workerCount);
		const hookUrl = `http://127.0.0.1:${hookPort}`;
		const webhookUrl = `${hookUrl}/`;
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: mainServesWebhooks ? 'false' : 'true',
			...(opts.env || {}),
		};

		// the package, once, in the shared user folder (as n8n's installer would put it)
		const tarballs = tarballsOf(opts);
		if (tarballs.length) {
			const { baseEnv } = n8nEnv(rt, { userFolder, port: mainPort, brokerPort: mainBroker, webhookUrl });
			await installPackage(userFolder, tarballs, baseEnv);
		}

		// main first: it creates the schema (migrations) and the instance settings the others read
		cluster.main = await startN8n({
			name: `${name}-main`,
			userFolder,
			keepUserFolder: true,
			port: mainPort,
			brokerPort: mainBroker,
			webhookUrl,
			env: queueEnv,
			bootTimeoutMs,
		});

		/** One `n8n webhook` / `n8n worker` process that can be killed and started again. */
		function processRole({ role, label, args = [], port, brokerPort, extra = {}, readyLine, readyUrl }) {
			const logFile = path.join(ARTIFACTS_DIR, `${name}-${label}-${stamp()}-${port}.log`);
			const { env } = n8nEnv(rt, {
				userFolder,
				port,
				brokerPort,
				webhookUrl,
				editorUrl: mainUrl,
				extra: { ...queueEnv, ...extra },
			});
			let proc = null;
			const handle = {
				name: label,
				role,
				logFile,
				port,
				get pid() {
					return proc?.pid;
				},
				get running() {
					return Boolean(proc && proc.running);
				},
				get exited() {
					return proc?.exited;
				},
				async start() {
					proc = await startN8nProcess(rt, {
						command: role,
						args,
						env,
						cwd: userFolder,
						logFile,
						header: `${label} port=${port} broker=${brokerPort}`,
						readyLine,
						readyUrl,
						bootTimeoutMs,
					});
					return handle;
				},
				/** Signals the n8n process itself (SIGKILL = a crash; its task runner is left to stop()). */
				kill(sig = 'SIGKILL') {
					proc?.kill(sig);
				},
				/** SIGTERM to its process group, SIGKILL after the grace; waits for every member. */
				async stop(graceMs) {
					if (proc) await proc.stop(graceMs);
				},
				/** Stops what is left of it (after a kill too) and starts it again with the same ports. */
				async restart() {
					await handle.stop();
					return handle.start();
				},
				async log() {
					try {
						return await fsp.readFile(logFile, 'utf8');
					} catch {
						return '';
					}
				},
			};
			return handle;
		}

		const webhook = processRole({
			role: 'webhook',
			label: 'webhook',
			port: hookPort,
			brokerPort: hookBroker,
			readyLine: WEBHOOK_READY_LINE,
			readyUrl: `${hookUrl}/healthz/readiness`,
		});
		webhook.url = hookUrl;
		webhook.webhookUrl = webhookUrl;
		const workers = [];
		for (let i = 0; i < workerCount; i++) {
			const [port, brokerPort, healthPort] = rest.slice(3 * i, 3 * i + 3);
			workers.push(
				processRole({
					role: 'worker',
					label: `worker-${i + 1}`,
					args: [`--concurrency=${concurrency}`],
					port,
					brokerPort,
					extra: {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
					readyLine: WORKER_READY_LINE,
					readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
				}),
			);
		}
		cluster.webhook = webhook;
		cluster.workers = workers;
		const boots = await Promise.allSettled([webhook.start(), ...workers.map((w) => w.start())]);
		const failed = boots.find((b) => b.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (e) {
		await stopAll();
		throw e;
	}

	Object.assign(cluster, {
		webhookUrl: cluster.webhook.webhookUrl,
		/** Every n8n process: main, webhook, worker-1, ... as { name, pid, logFile }. */
		processes() {
			return [
				{ name: 'main', pid: cluster.main.pid, logFile: cluster.main.logFile },
				...[cluster.webhook, ...cluster.workers].map((p) => ({ name: p.name, pid: p.pid, logFile: p.logFile })),
			];
		},
		/** Names of the workers whose log says `Worker started execution <id> (job …)`. */
		async workersThatRan(executionId) {
			const re = new RegExp(`Worker started execution ${executionId} \\(job`);
			const names = [];
			for (const w of cluster.workers) if (re.test(await w.log())) names.push(w.name);
			return names;
		},
		/** The log text of every n8n process, by name. */
		async logs() {
			const out = {};
			for (const p of cluster.processes()) {
				try {
					out[p.name] = await fsp.readFile(p.logFile, 'utf8');
				} catch {
					out[p.name] = '';
				}
			}
			return out;
		},
		stop: stopAll,
	});
	return cluster;
}

module.exports = { startQueueCluster };
