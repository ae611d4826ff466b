#!/usr/bin/env bash
# Idempotent installer of a pinned n8n runtime, for `npm start` and the e2e tests.
#
#   scripts/n8n-runtime.sh            install if missing, print the runtime dir on stdout
#   scripts/n8n-runtime.sh --print    print the runtime dir (no install)
#   scripts/n8n-runtime.sh --force    remove and reinstall
#
# The runtime lives OUTSIDE the clone, keyed by version, so fresh clones on the same machine
# reuse it:  ${N8N_RUNTIME_DIR:-$HOME/.cache/n8n-nodes-useapi-midjourney/n8n-<version>}
# A marker file (.installed-ok) is written only after a complete install and a smoke check; a
# half install (no marker) is wiped and redone, so running this again after a failure recovers.
# npm's output goes to <runtime dir>.install.log; a failure prints its cause, that log, the disk
# space needed and the command to retry (also written to <runtime dir>.failed for the callers).
#
# Version: the default (the line below) is the newest release in the supported range that
# installs from this machine's registry, 2.41.1; CI also installs the oldest, 2.30.8
# (N8N_VERSION=2.30.8). Both checked 2026-11-30. Releases from 2.39 need one step more: the
# install script of @confluentinc/kafka-javascript downloads zlib/librdkafka from the internet
# and fails offline, so allowScripts below denies it (only n8n's Kafka nodes would need it).
# 2.41.3 needs @n8n/agents@0.26.2, which the registry lacks (an exact pin inside n8n's own
# packages: not overridden). The e2e harness (tools/n8n/n8n.js) reads the default from the line
# below. Overrides (every version above):
#   linkedom 0.18.14                      0.18.15 needs a package the registry lacks
#   xlsx 0.18.5                           n8n pins a tarball from cdn.sheetjs.com (unreachable)
#   @langchain/langgraph-checkpoint 1.1.5 newer versions missing from the registry
#   @langchain/protocol 0.0.19            newer versions missing from the registry
#
# Native modules: n8n needs sqlite3, compiled by its install script with node-gyp against Node
# 24's headers (npm_config_nodedir from node24.sh) when no prebuilt binary can be downloaded,
# and isolated-vm (ships prebuilds). So this install MUST run install scripts, whatever the
# caller's npm said: see "Inherited npm settings" below.
#
# Test switches (test/runtime-installer.test.js): N8N_RUNTIME_SKIP_NATIVE_BUILD=1 makes npm skip
# install scripts, so the native build really is missing and the failure path runs;
# N8N_RUNTIME_PROGRESS_SECONDS sets the progress interval (default 15).
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME_DIR="${N8N_RUNTIME_DIR:-$HOME/.cache/n8n-nodes-useapi-midjourney/n8n-$N8N_VERSION}"
MARKER="$RUNTIME_DIR/.installed-ok"
INSTALL_LOG="$RUNTIME_DIR.install.log"
FAILED_NOTE="$RUNTIME_DIR.failed"
NEEDED_GB=3 # measured: 2.2 GB installed, plus 0.8 GB of npm cache
PROGRESS_SECONDS="${N8N_RUNTIME_PROGRESS_SECONDS:-15}"

log() { echo "[n8n-runtime] $(date +%H:%M:%S) $*" >&2; }

if [ "${1:-}" = "--print" ]; then
	echo "$RUNTIME_DIR"
	exit 0
fi

# Inherited npm settings. npm exports its whole configuration to every script it runs
# (npm_config_*): started through `npm start` or `npm run test:e2e`, this install would inherit the
# project's own .npmrc (ignore-scripts=true) and skip sqlite3's build. The runtime is a separate
# npm project with its own .npmrc (below), so only what describes the machine and the user passes
# on: where the registry is and how to reach it (registry, proxies, certificates), npm's cache,
# and where the user's and the machine's npmrc files are, which the install then reads itself.
for var in $(compgen -e); do
	key="$(printf %s "$var" | tr '[:upper:]' '[:lower:]')"
	case "$key" in
	npm_config_*registry | npm_config_cafile | npm_config_ca | npm_config_cert | npm_config_key | \
		npm_config_proxy | npm_config_https_proxy | npm_config_http_proxy | npm_config_noproxy | \
		npm_config_strict_ssl | npm_config_cache | npm_config_userconfig | npm_config_globalconfig | \
		npm_config_fetch_* | npm_config_maxsockets | npm_config_nodedir | npm_config_node_gyp) ;;
	npm_config_* | npm_package_* | npm_lifecycle_* | npm_execpath | npm_node_execpath | npm_command | init_cwd) unset "$var" ;;
	esac
done

# shellcheck source=node24.sh
source "$HERE/node24.sh"

if [ "${1:-}" = "--force" ]; then
	log "--force: removing $RUNTIME_DIR"
	rm -rf "$RUNTIME_DIR"
fi

installed() { [ -f "$MARKER" ] && [ -x "$RUNTIME_DIR/node_modules/.bin/n8n" ]; }
if installed; then
	log "n8n $N8N_VERSION already installed in $RUNTIME_DIR ($(cat "$MARKER"))"
	echo "$RUNTIME_DIR"
	exit 0
fi

# One installer at a time per runtime dir: wait for the lock, then re-check, since the other
# process may just have finished the install.
mkdir -p "$(dirname "$RUNTIME_DIR")"
if command -v flock >/dev/null 2>&1; then
	exec 9>"$RUNTIME_DIR.lock"
	if ! flock -n 9; then
		log "another install holds $RUNTIME_DIR.lock; waiting"
		flock 9
	fi
	if installed; then
		log "n8n $N8N_VERSION installed by another process in $RUNTIME_DIR"
		echo "$RUNTIME_DIR"
		exit 0
	fi
fi

# Leftovers of installs that were killed (SIGKILL skips the EXIT trap).
for stale in "$RUNTIME_DIR".partial.*; do
	[ -d "$stale" ] || continue
	pid="${stale##*.partial.}"
	if ! kill -0 "$pid" 2>/dev/null; then
		log "removing the leftover of an interrupted install: $stale"
		rm -rf "$stale"
	fi
done
if [ -d "$RUNTIME_DIR" ]; then
	log "incomplete install found (no marker): wiping $RUNTIME_DIR"
	rm -rf "$RUNTIME_DIR"
fi

free_gb() { df -Pk "$(dirname "$RUNTIME_DIR")" | awk 'NR==2 {printf "%.1f", $4 / 1048576}'; }

# fail CAUSE: says what failed and what to do, keeps the note for the callers, exits 1 (the EXIT
# trap removes the partial folder).
fail() {
	{
		echo "installing n8n $N8N_VERSION failed: $1"
		echo "  log:    $INSTALL_LOG"
		echo "  needs:  about $NEEDED_GB GB free in $(dirname "$RUNTIME_DIR") (free now: $(free_gb) GB), the npm registry, and python3, make and a C++ compiler for sqlite3"
		echo "  retry:  run the same command again (npm start, npm run test:e2e), or install the runtime alone: N8N_VERSION=$N8N_VERSION bash scripts/n8n-runtime.sh"
	} >"$FAILED_NOTE"
	sed 's/^/[n8n-runtime] /' "$FAILED_NOTE" >&2
	exit 1
}

if [ "$(free_gb | cut -d. -f1)" -lt "$NEEDED_GB" ]; then
	fail "not enough disk space"
fi

# Install into a temporary sibling and move it into place at the end, so an interrupted install
# never leaves a directory that looks complete.
TMP_DIR="$RUNTIME_DIR.partial.$$"
rm -rf "$TMP_DIR"
mkdir -p "$TMP_DIR"
rm -f "$FAILED_NOTE"
NPM_PID=
TICKER_PID=
cleanup() {
	rc=$?
	set +e
	[ -n "$TICKER_PID" ] && kill "$TICKER_PID" 2>/dev/null
	[ -n "$NPM_PID" ] && kill -TERM "$NPM_PID" 2>/dev/null && wait "$NPM_PID" 2>/dev/null
	if [ $rc -ne 0 ]; then
		rm -rf "$TMP_DIR"
		[ -f "$FAILED_NOTE" ] || {
			echo "installing n8n $N8N_VERSION was interrupted (exit $rc); run the same command again to start over" >"$FAILED_NOTE"
			log "interrupted; removed $TMP_DIR"
		}
	fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

cat >"$TMP_DIR/package.json" <<EOF
{
  "name": "n8n-runtime",
  "private": true,
  "description": "n8n $N8N_VERSION runtime for n8n-nodes-useapi-midjourney's npm start and e2e tests (generated by scripts/n8n-runtime.sh)",
  "dependencies": {
    "n8n": "$N8N_VERSION"
  },
  "overrides": {
    "linkedom": "0.18.14",
    "xlsx": "0.18.5",
    "@langchain/langgraph-checkpoint": "1.1.5",
    "@langchain/protocol": "0.0.19"
  },
  "allowScripts": {
    "sqlite3": true,
    "isolated-vm": true,
    "cpu-features": true,
    "ssh2": true,
    "msgpackr-extract": true,
    "@parcel/watcher": true,
    "protobufjs": true,
    "@confluentinc/kafka-javascript": false
  }
}
EOF
printf 'legacy-peer-deps=true\nignore-scripts=false\nfund=false\naudit=false\nupdate-notifier=false\n' >"$TMP_DIR/.npmrc"
SCRIPTS_FLAG=--ignore-scripts=false
[ "${N8N_RUNTIME_SKIP_NATIVE_BUILD:-}" = 1 ] && SCRIPTS_FLAG=--ignore-scripts=true
# npm 11 honours allowScripts above (kafka's offline download is denied); npm 10 does not know it
# and would run that script too, so there the install runs no script and the same scripts run
# afterwards (scripts_after_install), all but the denied ones.
SCRIPTS_AFTER=0
if [ "$SCRIPTS_FLAG" = --ignore-scripts=false ] && [ "$(npm config get strict-allow-scripts 2>/dev/null)" = undefined ]; then
	SCRIPTS_FLAG=--ignore-scripts=true
	SCRIPTS_AFTER=1
fi

# npm 10: runs the install scripts npm 11 would run, i.e. those of every package that has one but
# the ones allowScripts denies. One that fails is left to the native-module check below.
scripts_after_install() {
	local names
	names=$(cd "$TMP_DIR" && npm query ':attr(scripts, [preinstall]), :attr(scripts, [install]), :attr(scripts, [postinstall])' 2>>"$INSTALL_LOG" |
		node -e '
			const denied = Object.entries(require(process.argv[1]).allowScripts || {}).filter(([, ok]) => ok === false).map(([name]) => name);
			let text = ""; process.stdin.on("data", (d) => (text += d)).on("end", () => {
				const names = new Set(JSON.parse(text || "[]").map((n) => n.name));
				console.log([...names].filter((n) => !denied.includes(n)).join(" "));
			});' "$TMP_DIR/package.json")
	[ -n "$names" ] || return 0
	log "running the install scripts of: $names"
	# shellcheck disable=SC2086
	(cd "$TMP_DIR" && npm rebuild $names --ignore-scripts=false --foreground-scripts) >>"$INSTALL_LOG" 2>&1 || true
}

# Prints progress until killed; the sleep is killed with it, so no process is left holding the
# caller's stderr once the install has ended.
progress() {
	local started=$1 nap
	set +e # errexit would end the subshell on the interrupted wait, before the trap kills the sleep
	trap 'kill "$nap" 2>/dev/null; exit 0' TERM
	while :; do
		sleep "$PROGRESS_SECONDS" </dev/null >/dev/null 2>&1 & # holds no pipe of the caller's, should it outlive us
		nap=$!
		wait "$nap"
		local mb
		mb=$(du -sm "$TMP_DIR" 2>/dev/null | cut -f1)
		# with --foreground-scripts the log shows each install script as "> package@version install"
		local building
		building=$(grep -E '^> [^ ]+ (pre|post)?install$' "$INSTALL_LOG" 2>/dev/null | tail -n 1 | cut -d' ' -f2)
		if [ "${mb:-0}" -lt 5 ]; then
			log "… $(($(date +%s) - started)) s: npm is resolving and downloading packages"
		elif [ -n "$building" ]; then
			log "… $(($(date +%s) - started)) s: ${mb} MB written; running install scripts (now ${building}; compiling sqlite3 takes a few minutes)"
		else
			log "… $(($(date +%s) - started)) s: ${mb} MB of ~2300 MB written"
		fi
	done
}

log "installing n8n@$N8N_VERSION (node $(node -v), npm $(npm -v)): about 2.2 GB, 5–10 minutes; npm's log: $INSTALL_LOG"
start=$(date +%s)
: >"$INSTALL_LOG"
progress "$start" &
TICKER_PID=$!
# npm runs in the background so that a TERM/INT to this script stops it (the EXIT trap waits for
# it and removes the partial folder) instead of leaving it writing into a deleted directory.
(cd "$TMP_DIR" && exec npm install "$SCRIPTS_FLAG" --legacy-peer-deps --no-audit --no-fund --foreground-scripts --loglevel=warn) \
	>>"$INSTALL_LOG" 2>&1 &
NPM_PID=$!
status=0
wait "$NPM_PID" || status=$?
NPM_PID=
if [ "$status" -ne 0 ]; then
	cause=$(grep -m1 -E '^npm (error|ERR!) (code|[0-9]{3}) ' "$INSTALL_LOG" | sed -E 's/^npm (error|ERR!) //' || true)
	fail "npm install n8n@$N8N_VERSION exited with $status${cause:+ ($cause)}"
fi
log "npm install done in $(($(date +%s) - start)) s"
[ "$SCRIPTS_AFTER" = 1 ] && scripts_after_install
kill "$TICKER_PID" 2>/dev/null
TICKER_PID=
log "checking the native modules"

# Prints nothing when sqlite3 and isolated-vm load and run under Node 24, else the first one
# that does not, with the first line of its error.
broken_native_module() {
	(cd "$TMP_DIR" && node -e '
		const from = { paths: [require.resolve("n8n/package.json")] };
		const load = (m) => { try { return require(require.resolve(m, from)); } catch (e) { console.log(m + ": " + String(e.message).split("\n")[0]); process.exit(0); } };
		const sqlite3 = load("sqlite3");
		try { new sqlite3.Database(":memory:").close(); } catch (e) { console.log("sqlite3: " + e.message); process.exit(0); }
		const ivm = load("isolated-vm");
		try {
			const iso = new ivm.Isolate({ memoryLimit: 16 });
			if (iso.compileScriptSync("6*7").runSync(iso.createContextSync()) !== 42) throw new Error("6*7 is not 42");
			iso.dispose();
		} catch (e) { console.log("isolated-vm: " + e.message); }
	' 2>>"$INSTALL_LOG")
}

broken=$(broken_native_module)
if [ -n "$broken" ]; then
	log "a native module does not load (${broken}); rebuilding sqlite3 and isolated-vm"
	rebuild_flag=--ignore-scripts=false
	[ "${N8N_RUNTIME_SKIP_NATIVE_BUILD:-}" = 1 ] && rebuild_flag=--ignore-scripts=true
	(cd "$TMP_DIR" && npm rebuild sqlite3 isolated-vm "$rebuild_flag" --foreground-scripts) >>"$INSTALL_LOG" 2>&1 || true
	broken=$(broken_native_module)
	[ -z "$broken" ] || fail "the ${broken%%:*} native module did not build (${broken#*: })"
fi

"$TMP_DIR/node_modules/.bin/n8n" --version >>"$INSTALL_LOG" 2>&1 || fail "n8n --version did not run"

rm -rf "$RUNTIME_DIR"
mv "$TMP_DIR" "$RUNTIME_DIR"
# npm's .bin shims are relative symlinks, so the move keeps them valid.
echo "n8n@$N8N_VERSION installed $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(($(date +%s) - start)) s with node $(node -v), $(du -sm "$RUNTIME_DIR" | cut -f1) MB" >"$MARKER"
trap - EXIT
log "ready: $RUNTIME_DIR ($(cat "$MARKER"))"
echo "$RUNTIME_DIR"
