#!/usr/bin/env bash
# The Node test suite (vitest) on another Node.js major version, fetched from the npm registry by
# scripts/node-runtime.sh. Arguments after the version go to vitest (files, --exclude ...).
#   bash scripts/test-node-runtime.sh 24
#   bash scripts/test-node-runtime.sh 22 packages/sdk
# node_modules was installed by the node on PATH. Its native addons load on any Node (Node-API:
# argon2, sodium-native, the bundlers') except better-sqlite3's, which is built for one Node's
# ABI: for the run it is swapped for one built for this Node (kept in .runtimes/node-<major>)
# and put back when the run ends, whatever its outcome. Run nothing else from this checkout
# meanwhile. Expects `npm run build` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:?usage: test-node-runtime.sh MAJOR [vitest arguments]}"
shift
node_dir=$(bash scripts/node-runtime.sh "$major")
node_bin="$node_dir/bin/node"
npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."

package=node_modules/better-sqlite3
addon="$package/build/Release/better_sqlite3.node"
version=$(node -p "require('./$package/package.json').version")
built="$node_dir/better-sqlite3-$version/better_sqlite3.node"
if [ ! -f "$built" ]; then
  echo "== better-sqlite3 $version for Node.js $("$node_bin" --version) (compiled once, then kept)"
  staging=$(mktemp -d "${TMPDIR:-/tmp}/datafold-sqlite.XXXXXX")
  cp -a "$package/." "$staging/"
  rm -rf "$staging/build"
  (cd "$staging" && PATH="$node_dir/bin:$PATH" "$node_bin" "$npm_dir/node_modules/node-gyp/bin/node-gyp.js" \
    rebuild --release --nodedir="$node_dir" --jobs=max > build.log 2>&1) || {
    cat "$staging/build.log"
    exit 1
  }
  mkdir -p "$(dirname "$built")"
  cp "$staging/build/Release/better_sqlite3.node" "$built.tmp" && mv "$built.tmp" "$built"
  rm -rf "$staging"
fi

original=$(mktemp "${TMPDIR:-/tmp}/datafold-sqlite-addon.XXXXXX")
cp "$addon" "$original"
trap 'cp "$original" "$addon" && rm -f "$original"' EXIT
cp "$built" "$addon"

echo "== tests (Node.js $("$node_bin" --version))"
PATH="$node_dir/bin:$PATH" "$node_bin" node_modules/vitest/vitest.mjs run "$@"
