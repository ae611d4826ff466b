#!/usr/bin/env bash
# Idempotent: installs Debian's redis-server and postgresql (for the queue-mode e2e suite,
# test/e2e/queue/) when their binaries are missing. Needs root (or sudo).
#
# The suite starts its own Redis and Postgres on loopback ports with their data in a temp folder
# and stops them by PID; it never uses the system services. So the packages' own services must
# not start at install: when the machine has no /usr/sbin/policy-rc.d, one that refuses every
# service start (exit 101) is put in place for the install and removed afterwards.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
need=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ] && [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/initdb" ] || need+=(postgresql)
if [ "${#need[@]}" -eq 0 ]; then
	echo "[install-queue-services] already present: $(redis-server --version | awk '{print $1, $2, $3}'), $("/usr/lib/postgresql/$PG_MAJOR/bin/postgres" --version)" >&2
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "[install-queue-services] not root and no sudo: cannot install ${need[*]}" >&2
		exit 1
	fi
fi

POLICY=/usr/sbin/policy-rc.d
placed_policy=0
cleanup() {
	if [ "$placed_policy" = 1 ]; then $SUDO rm -f "$POLICY"; fi
}
trap cleanup EXIT
if [ ! -e "$POLICY" ]; then
	printf '#!/bin/sh\n# placed by install-queue-services.sh for the install only\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
	$SUDO chmod 755 "$POLICY"
	placed_policy=1
fi

start=$(date +%s)
echo "[install-queue-services] apt-get update" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "[install-queue-services] apt-get install -y ${need[*]}" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"

if ! command -v redis-server >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]; then
	echo "[install-queue-services] installed, but redis-server or postgres $PG_MAJOR is still missing" >&2
	exit 1
fi
echo "[install-queue-services] installed ${need[*]} in $(($(date +%s) - start)) s" >&2
