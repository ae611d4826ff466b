#!/usr/bin/env bash
# Runs the README's first command exactly as written, as a newcomer would (through npm, a clean
# environment, by default an empty HOME: no runtime cache, no npm cache, no user npm config),
# waits until the n8n editor answers, sends a signal, and checks that everything `npm start`
# started is gone within 10 s and its ports are free. CI runs it (.ci/run); so can you.
#
#   scripts/check-first-run.sh [--home DIR] [--signal INT|TERM] [--group] [--path PATH]
#
#   --home DIR     HOME for the run (default: a new empty folder; reuse one for a warm run)
#   --signal SIG   INT (default) or TERM, sent to the `npm start` process alone
#   --group        send the signal to the whole process group instead (a terminal's Ctrl-C)
#   --path PATH    PATH for the run (default: this shell's), e.g. to pick Node 20 or Node 24
#
# Prints one line per step prefixed [first-run] and a last line with the figures; exits 1 when
# the editor did not answer within FIRST_RUN_LIMIT_S (default 1800), or something was left.
set -euo pipefail
cd "$(dirname "$0")/.."

home="" signal=INT group=0 run_path="$PATH"
while [ $# -gt 0 ]; do
	case "$1" in
	--home) home="$2"; shift 2 ;;
	--signal) signal="$2"; shift 2 ;;
	--group) group=1; shift ;;
	--path) run_path="$2"; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$home" ] || home="$(mktemp -d /tmp/first-run-home.XXXXXX)"
mkdir -p "$home"
limit="${FIRST_RUN_LIMIT_S:-1800}"
tag="first-run-$$-$RANDOM"
out="$home/first-run.out"

say() { echo "[first-run] $*"; }

# The README's first command: the first line of the code block under "## Two commands".
command=$(awk '/^## Two commands/ {s=1} s && /^```/ {n++; next} s && n==1 {print; exit}' README.md | sed 's/[[:space:]]*#.*$//')
[ "$command" = "npm install && npm start" ] || { say "the README's first command is now '$command': update this check"; exit 1; }

node_version=$(PATH="$run_path" node -v)
npm_version=$(PATH="$run_path" npm -v)
say "running '$command' with HOME=$home, node $node_version, npm $npm_version (output: $out)"

tagged_pids() {
	for env_file in /proc/[0-9]*/environ; do
		pid=${env_file#/proc/}
		pid=${pid%/environ}
		{ tr '\0' '\n' <"$env_file" | grep -qx "FIRST_RUN_TAG=$tag"; } 2>/dev/null && echo "$pid"
	done
	return 0
}

# The newcomer's environment: this machine's (its certificates and proxies included), without
# anything this project, npm or CI set, and the given HOME and PATH.
newcomer_env=(HOME="$home" PATH="$run_path" FIRST_RUN_TAG="$tag")
[ -n "${N8N_VERSION:-}" ] && newcomer_env+=(N8N_VERSION="$N8N_VERSION")
drop=()
for var in $(compgen -e); do
	case "$(printf %s "$var" | tr '[:upper:]' '[:lower:]')" in
	npm_* | node24_* | n8n_* | init_cwd | ci | jest_* | node_env | node_options) drop+=(-u "$var") ;;
	esac
done

started=$SECONDS
# own session and process group, so a group signal reaches exactly what the command started
env ${drop[@]+"${drop[@]}"} "${newcomer_env[@]}" setsid bash -c "$command" >"$out" 2>&1 </dev/null &
leader=$!

cleanup_leftovers() {
	local pids
	pids=$(tagged_pids)
	[ -z "$pids" ] && return 0
	# shellcheck disable=SC2086
	ps -o pid,ppid,pgid,etimes,args -p "$(echo $pids | tr ' ' ,)" 2>/dev/null || true
	# shellcheck disable=SC2086
	kill -KILL $pids 2>/dev/null || true
}
trap cleanup_leftovers EXIT
trap 'exit 143' TERM INT HUP

editor=""
while [ -z "$editor" ]; do
	if ! kill -0 "$leader" 2>/dev/null; then
		tail -n 40 "$out" >&2
		say "FAILED: '$command' ended before the editor was up (see the output above)"
		exit 1
	fi
	if [ $((SECONDS - started)) -gt "$limit" ]; then
		tail -n 40 "$out" >&2
		say "FAILED: the editor did not answer within $limit s"
		exit 1
	fi
	editor=$(sed -n 's/.* is running with n8n-nodes-useapi-midjourney: *\(http:[^ ]*\).*/\1/p' "$out" | head -n 1)
	[ -n "$editor" ] || sleep 2
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$editor/" || true)
[ "$code" = 200 ] || { say "FAILED: $editor answered $code"; exit 1; }
up_after=$((SECONDS - started))
say "editor $editor answered 200 after $up_after s"
port=${editor##*:}
port=${port%%/*}
# the simulator's port: 8787 unless another program held it
sim_port=$(sed -n 's/.*simulator (useapi.net v3, offline): http:[^ ]*:\([0-9]*\).*/\1/p' "$out" | head -n 1)
sim_port=${sim_port:-8787}
# the AI Agent example's mock chat model: 8790 unless another program held it
model_port=$(sed -n 's/.*chat model (OpenAI-compatible mock, offline): http:[^ ]*:\([0-9]*\).*/\1/p' "$out" | head -n 1)
model_port=${model_port:-8790}

npm_pid=""
for pid in $(tagged_pids); do
	args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
	case "$args" in "npm start"* | *"/npm start"* | *"npm-cli.js start"*) npm_pid=$pid ;; esac
done
[ -n "$npm_pid" ] || { say "FAILED: no 'npm start' process found"; exit 1; }

stop_started=$(date +%s%N)
if [ "$group" = 1 ]; then
	say "SIG$signal to the process group $leader (Ctrl-C in a terminal)"
	kill -"$signal" -- -"$leader"
else
	say "SIG$signal to the npm start process alone (pid $npm_pid)"
	kill -"$signal" "$npm_pid"
fi
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports_busy() { listening "$port" || listening "$sim_port" || listening "$model_port"; }
for _ in $(seq 1 100); do
	[ -z "$(tagged_pids)" ] && ! ports_busy && break
	sleep 0.1
done
stop_ms=$((($(date +%s%N) - stop_started) / 1000000))
left=$(tagged_pids)
if [ -n "$left" ] || ports_busy; then
	say "FAILED: 10 s after the signal, these are still running or listening:"
	cleanup_leftovers
	listening "$port" && say "port $port still answers"
	listening "$sim_port" && say "port $sim_port still answers"
	listening "$model_port" && say "port $model_port still answers"
	tail -n 20 "$out" >&2
	exit 1
fi
trap - EXIT
say "ok: node $node_version; editor after $up_after s; SIG$signal to $([ "$group" = 1 ] && echo the group || echo npm alone): everything stopped and ports $port, $sim_port, $model_port free in $stop_ms ms"
