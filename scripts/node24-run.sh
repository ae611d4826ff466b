#!/usr/bin/env bash
# Runs a command under Node >= 24 (the Node on PATH when it is 24 or newer, else the registry
# build that node24.sh installs): the npm scripts go through it, so `npm test` works the same
# whatever Node the machine has.
set -euo pipefail
# shellcheck source=node24.sh
source "$(dirname "${BASH_SOURCE[0]}")/node24.sh"
exec "$@"
