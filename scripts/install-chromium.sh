#!/usr/bin/env bash
# Idempotent: installs Debian's chromium (for the Playwright editor check in
# test/e2e/editor.e2e.test.js, driven by the playwright-core devDependency) when
# /usr/bin/chromium is missing. Needs root (or sudo).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
	echo "[install-chromium] already present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")" >&2
	exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "[install-chromium] not root and no sudo: cannot install chromium" >&2
		exit 1
	fi
fi

start=$(date +%s)
echo "[install-chromium] apt-get update" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "[install-chromium] apt-get install -y chromium" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-liberation
if [ ! -x "$CHROMIUM" ]; then
	echo "[install-chromium] installed, but $CHROMIUM is still missing" >&2
	exit 1
fi
echo "[install-chromium] installed $("$CHROMIUM" --version 2>/dev/null) in $(($(date +%s) - start)) s" >&2
