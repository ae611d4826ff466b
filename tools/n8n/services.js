'use strict';
/**
 * Redis and Postgres for the queue-mode e2e suite: each a private server on a free 127.0.0.1 port,
 * its data in a fresh temp folder, started in the foreground as a child of this process and
 * stopped by its PID (never the machine's system services). The binaries come from Debian
 * (scripts/install-queue-services.sh installs them when missing).
 *
 *   const redis = await startRedis();        // { host, port, pid, stop() }
 *   const pg = await startPostgres();        // { host, port, user, password, database, pid, stop() }
 *   await pg.stop(); await redis.stop();     // also removes their data folders
 *
 * Postgres refuses to run as root: as root, initdb and postgres run as the `postgres` user (the
 * Debian package creates it) through `setpriv`, which execs in place, so the PID we hold is the
 * postmaster's own. Asynchronous child processes only (safe next to a running simulator).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { run, freePort, tail, delay, ARTIFACTS_DIR } = require('./n8n');

const live = new Set();

function stamp() {
	return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The newest /usr/lib/postgresql/<major>/bin with initdb and postgres ($PG_BIN wins). */
function postgresBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors.length) {
		throw new Error('no Postgres under /usr/lib/postgresql: run scripts/install-queue-services.sh');
	}
	return path.join(root, majors[0], 'bin');
}

function redisBin() {
	for (const p of [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
		if (p && fs.existsSync(p)) return p;
	}
	throw new Error('redis-server is missing: run scripts/install-queue-services.sh');
}

/**
 * A child process in its own process group, output appended to `logFile`, tracked until it exits.
 * stop(): `stopSignal` to the PID, SIGKILL to the group after `graceMs`, waits for the exit.
 * killGroupSync() (last resort, the test process is dying): SIGKILL to the group, `dir` removed.
 */
function spawnService(name, cmd, args, { logFile, dir, stopSignal = 'SIGTERM', env = process.env } = {}) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env });
	fs.closeSync(out);
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	let stopping = null;
	const handle = {
		name,
		pid: child.pid,
		logFile,
		exited,
		get running() {
			return child.exitCode === null && child.signalCode === null;
		},
		stop(graceMs = 15_000) {
			if (!stopping) {
				stopping = (async () => {
					if (handle.running) {
						try {
							process.kill(child.pid, stopSignal);
						} catch {}
						let timer;
						const timedOut = await Promise.race([
							exited.then(() => false),
							new Promise((r) => (timer = setTimeout(() => r(true), graceMs))),
						]);
						clearTimeout(timer);
						if (timedOut) {
							try {
								process.kill(-child.pid, 'SIGKILL');
							} catch {}
						}
						await exited;
					}
					live.delete(handle);
				})();
			}
			return stopping;
		},
		killGroupSync() {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
			if (dir) {
				try {
					fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
				} catch {}
			}
		},
	};
	child.on('error', () => {});
	live.add(handle);
	return handle;
}

async function waitUntil(handle, check, { timeoutMs = 60_000, what }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!handle.running) {
			throw new Error(`${what} exited during start:\n${await tail(handle.logFile, 40)}`);
		}
		if (await check()) return;
		await delay(100);
	}
	await handle.stop();
	throw new Error(`${what} not ready after ${timeoutMs} ms:\n${await tail(handle.logFile, 40)}`);
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Sends PING over plain RESP; true on +PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		let buf = '';
		const done = (ok) => {
			sock.destroy();
			resolve(ok);
		};
		sock.setTimeout(1000, () => done(false));
		sock.once('connect', () => sock.write('PING\r\n'));
		sock.on('data', (d) => {
			buf += d;
			if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
		});
		sock.once('error', () => done(false));
	});
}

async function startRedis({ name = 'queue-redis' } = {}) {
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const port = await freePort();
	await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
	const logFile = path.join(ARTIFACTS_DIR, `${name}-${stamp()}-${port}.log`);
	const proc = spawnService('redis', redisBin(), [
		'--port', String(port),
		'--bind', '127.0.0.1',
		'--protected-mode', 'yes',
		'--dir', dir,
		'--save', '',
		'--appendonly', 'no',
		'--daemonize', 'no',
		'--logfile', '',
	], { logFile, dir });
	try {
		await waitUntil(proc, () => redisPing(port), { what: 'redis-server', timeoutMs: 30_000 });
	} catch (e) {
		await fsp.rm(dir, { recursive: true, force: true });
		throw e;
	}
	return {
		host: '127.0.0.1',
		port,
		dir,
		logFile,
		get pid() {
			return proc.pid;
		},
		proc,
		async stop() {
			await proc.stop();
			await fsp.rm(dir, { recursive: true, force: true });
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Postgres

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** [cmd, args] running `cmd args` as the postgres user when we are root, else as ourselves. */
async function asPostgresUser(cmd, args) {
	if (!isRoot) return [cmd, args];
	const r = await run('id', ['-u', 'postgres']);
	const g = await run('id', ['-g', 'postgres']);
	if (r.code !== 0) throw new Error('running as root, and there is no `postgres` user to run Postgres as');
	return [
		'setpriv',
		[`--reuid=${r.stdout.trim()}`, `--regid=${g.stdout.trim()}`, '--init-groups', '--reset-env', cmd, ...args],
	];
}

async function startPostgres({ name = 'queue-postgres', database = 'n8n', user = 'n8n', password = 'n8n-e2e' } = {}) {
	const bin = postgresBin();
	const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-pg-'));
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'sock');
	await fsp.mkdir(socketDir);
	if (isRoot) {
		const r = await run('chown', ['-R', 'postgres:postgres', dir]);
		if (r.code !== 0) throw new Error(`chown postgres ${dir} failed: ${r.stderr}`);
	}
	const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
	const pwFile = path.join(dir, 'pw');
	await fsp.writeFile(pwFile, `${password}\n`, { mode: 0o644 });
	const [initCmd, initArgs] = await asPostgresUser(path.join(bin, 'initdb'), [
		'-D', dataDir, '-U', user, '--pwfile', pwFile, '--auth=md5', '-E', 'UTF8', '--no-sync', '--locale=C',
	]);
	const init = await run(initCmd, initArgs, { timeoutMs: 120_000 });
	if (init.code !== 0) {
		await cleanup();
		throw new Error(`initdb failed (exit ${init.code}):\n${init.stdout}\n${init.stderr}`);
	}
	await fsp.rm(pwFile, { force: true });

	const port = await freePort();
	await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
	const logFile = path.join(ARTIFACTS_DIR, `${name}-${stamp()}-${port}.log`);
	// a throwaway server: no fsync, small footprint; SIGINT is Postgres' "fast shutdown"
	const [pgCmd, pgArgs] = await asPostgresUser(path.join(bin, 'postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${socketDir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
		'-c', 'shared_buffers=64MB',
	]);
	const proc = spawnService('postgres', pgCmd, pgArgs, { logFile, dir, stopSignal: 'SIGINT' });
	const pgEnv = { ...process.env, PGPASSWORD: password };
	try {
		await waitUntil(
			proc,
			async () =>
				(await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres'], { env: pgEnv })).code === 0,
			{ what: 'postgres', timeoutMs: 60_000 },
		);
		const created = await run(
			path.join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${database}`],
			{ env: pgEnv, timeoutMs: 60_000 },
		);
		if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	} catch (e) {
		await proc.stop();
		await cleanup();
		throw e;
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database,
		dir,
		logFile,
		get pid() {
			return proc.pid;
		},
		proc,
		/** Runs one SQL statement with psql; resolves its unaligned, tuples-only output. */
		async sql(statement) {
			const r = await run(
				path.join(bin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement],
				{ env: pgEnv, timeoutMs: 60_000 },
			);
			if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
			return r.stdout;
		},
		async stop() {
			await proc.stop();
			await cleanup();
		},
	};
}

/** Stops every service this process started (afterAll safety net). */
async function stopAllServices() {
	await Promise.all([...live].map((s) => s.stop()));
}

// Last-resort cleanup: never leave a server behind if the test process dies. On a signal, the
// harness's n8n handler (registered first, in ./n8n) re-raises only when no other listener is left,
// so this one kills the services and then re-raises in its turn.
function killAllSync() {
	for (const s of live) s.killGroupSync();
}
process.once('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	const onSignal = () => {
		killAllSync();
		process.removeListener(sig, onSignal);
		if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
	};
	process.on(sig, onSignal);
}

module.exports = { startRedis, startPostgres, stopAllServices, postgresBin };
