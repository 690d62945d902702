#!/usr/bin/env bash
# Prints the directory of a Node.js build of the given major version (bin/node, include/node),
# fetched from the npm registry, which serves the official builds as node-<os>-<cpu> packages,
# with the npm on PATH. Kept in .runtimes/node-<major> (gitignored); delete it to fetch the
# newest release of that major again.
#   dir=$(bash scripts/node-runtime.sh 24) && "$dir/bin/node" --version
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:?usage: node-runtime.sh MAJOR}"
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "node-runtime.sh: no npm package of Node.js for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) cpu=x64 ;;
  aarch64 | arm64) cpu=arm64 ;;
  *) echo "node-runtime.sh: no npm package of Node.js for $(uname -m)" >&2; exit 1 ;;
esac

dir="$PWD/.runtimes/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  staging="$dir.tmp-$$"
  rm -rf "$staging" && mkdir -p "$staging"
  tarball=$(npm pack --silent "node-$os-$cpu@$major" --pack-destination "$staging")
  tar xzf "$staging/$tarball" -C "$staging" --strip-components=1
  rm "$staging/$tarball"
  rm -rf "$dir" && mv "$staging" "$dir"
  echo "node-runtime.sh: fetched Node.js $("$dir/bin/node" --version) into $dir" >&2
fi
echo "$dir"
