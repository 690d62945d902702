#!/usr/bin/env bash
# The npm packages as users get them. Packs @datafold/js-sdk, @datafold/cli and @datafold/server
# as `npm publish` would, checks what each tarball holds (scripts/packages/check-tarballs.mjs),
# then, for each Node.js named on the command line, installs the three tarballs into an empty
# prefix (`npm install -g --prefix`; dependencies from the npm registry, nothing else from this
# repository, native addons built for that Node), runs them as a user would
# (scripts/packages/smoke-installed.mjs) and runs the server through `npx` from its tarball.
#   bash scripts/test-packages.sh          # the node on PATH
#   bash scripts/test-packages.sh 22 24    # Node 22 and 24 from the npm registry (node-runtime.sh)
# Expects `npm run build` to have run. The SDK is not on the registry until it is published, so
# the installs name its tarball beside the others.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

work=$(mktemp -d "${TMPDIR:-/tmp}/datafold-packages.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tarballs" "$work/unpacked"

echo '== packages: npm pack'
npm pack --silent --json -w @datafold/js-sdk -w @datafold/cli -w @datafold/server \
  --pack-destination "$work/tarballs" > "$work/pack.json"
for tarball in "$work"/tarballs/*.tgz; do
  mkdir -p "$work/unpacked/${tarball##*/}"
  tar xzf "$tarball" -C "$work/unpacked/${tarball##*/}"
done
node scripts/packages/check-tarballs.mjs "$work/pack.json" "$work/unpacked"

npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
first=1
for runtime in "${@:-system}"; do
  if [ "$runtime" = system ]; then
    node_dir="$(dirname "$(readlink -f "$(command -v node)")")/.."
  else
    node_dir=$(bash scripts/node-runtime.sh "$runtime")
    # Native addons compile against this Node's own headers (not a nodedir set for another).
    export npm_config_nodedir="$node_dir"
  fi
  node_dir=$(cd "$node_dir" && pwd)
  version=$("$node_dir/bin/node" --version)
  echo "== packages: npm install -g into an empty prefix (Node.js $version)"
  run_dir="$work/node-$version"
  mkdir -p "$run_dir/prefix"
  # Outside the repository, so that no node_modules or .npmrc of it is seen; this Node first on
  # PATH, so that install scripts (node-gyp) run on it.
  (
    cd "$run_dir"
    PATH="$node_dir/bin:$PATH" "$node_dir/bin/node" "$npm_cli" install -g --prefix "$run_dir/prefix" \
      --no-audit --no-fund "$work"/tarballs/*.tgz 2>&1 | tee "$run_dir/install.log"
  )
  # Node >= 22 is what the packages declare: no dependency may say otherwise.
  if [ "${version:1:2}" -ge 22 ] && grep -q EBADENGINE "$run_dir/install.log"; then
    echo "packages: EBADENGINE on Node.js $version, a version the packages support" >&2
    exit 1
  fi
  if [ "$runtime" != system ]; then
    # Keep the better-sqlite3 addon just built for this Node: scripts/test-node-runtime.sh then
    # need not compile it again.
    installed="$run_dir/prefix/lib/node_modules/@datafold/server/node_modules/better-sqlite3"
    sqlite_version=$(node -p "require('$installed/package.json').version")
    kept="$node_dir/better-sqlite3-$sqlite_version/better_sqlite3.node"
    if [ ! -f "$kept" ]; then
      mkdir -p "$(dirname "$kept")"
      cp "$installed/build/Release/better_sqlite3.node" "$kept.tmp" && mv "$kept.tmp" "$kept"
    fi
  fi
  echo "== packages: the installed datafold_cli and datafold-server (Node.js $version)"
  (cd "$run_dir" && PATH="$run_dir/prefix/bin:$node_dir/bin:$PATH" \
    "$node_dir/bin/node" "$repo/scripts/packages/smoke-installed.mjs" "$run_dir")
  if [ "$first" = 1 ]; then
    # Once: npx builds the server's native addons again in its own cache, and how npx runs a
    # package does not depend on the Node version.
    echo "== packages: npx datafold-server from its tarball (Node.js $version)"
    (
      cd "$run_dir"
      out=$(PATH="$node_dir/bin:$PATH" "$node_dir/bin/node" "$npm_cli" exec --yes \
        --cache "$run_dir/npm-cache" \
        --package "$work/tarballs/datafold-js-sdk-"*.tgz \
        --package "$work/tarballs/datafold-server-"*.tgz -- datafold-server --version)
      echo "$out"
      [[ "$out" == "datafold-server "* ]]
    )
    first=0
  fi
done
