#!/usr/bin/env bash
# What of the container image (Dockerfile) runs without a container runtime or its base image:
# its setup steps (container-setup.sh) into a scratch tree, its start command with its
# environment, and its health check, healthy and not. Building and running the image itself needs
# docker and the node base image.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# Its own scratch directory: the service user must be able to reach the data directory in it.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/datafold-container.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tarballs" "$WORK/sysroot/etc"

# The build stage: the repository's build (npm run build, done beforehand), packed, installed.
(cd "$REPO" && npm pack --silent --pack-destination "$WORK/tarballs" \
  -w @datafold/js-sdk -w @datafold/server > /dev/null)
sh "$HERE/container-setup.sh" install "$WORK/tarballs" "$WORK/opt" > install.log 2>&1 ||
  { cat install.log >&2; exit 1; }

# The runtime stage's user step, on a scratch /etc holding only root, as a base image's does.
echo 'root:x:0:0:root:/root:/bin/bash' > "$WORK/sysroot/etc/passwd"
echo 'root:x:0:' > "$WORK/sysroot/etc/group"
echo 'root:*:19000:0:99999:7:::' > "$WORK/sysroot/etc/shadow"
echo 'root:*::' > "$WORK/sysroot/etc/gshadow"
SYSROOT="$WORK/sysroot" sh "$HERE/container-setup.sh" user
grep -Eq '^datafold:x:[0-9]+:[0-9]+::/var/lib/datafold:/usr/sbin/nologin$' "$WORK/sysroot/etc/passwd"
uid=$(awk -F: '$1 == "datafold" { print $3 }' "$WORK/sysroot/etc/passwd")
[ "$uid" -ne 0 ] && [ "$uid" -lt 1000 ]
[ "$(stat -c '%a %u' "$WORK/sysroot/var/lib/datafold")" = "700 $uid" ]

# The start command with the image's environment: 127.0.0.1 and a spare port here instead of
# 0.0.0.0:9001, the data directory of the scratch tree. As that user when this runs as root.
PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_user=()
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  chmod 0755 "$WORK" "$WORK/sysroot" "$WORK/sysroot/var" "$WORK/sysroot/var/lib"
  as_user=(setpriv --reuid="$uid" --regid="$uid" --clear-groups)
fi
(
  cd "$WORK/sysroot/var/lib/datafold"
  PATH="$WORK/opt/bin:$PATH" NODE_ENV=production DATAFOLD_HOST=127.0.0.1 DATAFOLD_PORT=$PORT \
    DATAFOLD_DATA_DIR="$WORK/sysroot/var/lib/datafold" exec "${as_user[@]}" datafold-server serve
) > server.log 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
healthy=no
for _ in $(seq 100); do
  if DATAFOLD_PORT=$PORT node "$HERE/container-healthcheck.mjs"; then healthy=yes && break; fi
  sleep 0.2
done
[ "$healthy" = yes ] || { cat server.log >&2; exit 1; }
# The database landed in the volume, owned by the service user.
owner=$(id -u)
if [ ${#as_user[@]} -gt 0 ]; then owner=$uid; fi
[ "$(stat -c %u "$WORK/sysroot/var/lib/datafold/datafold.sqlite")" = "$owner" ]

# Stopped as `docker stop` does (SIGTERM), the server exits 0 and the check reports it unhealthy.
kill -TERM $SERVER_PID
wait $SERVER_PID
if DATAFOLD_PORT=$PORT node "$HERE/container-healthcheck.mjs"; then
  echo "health check passed with the server stopped" >&2
  exit 1
fi
echo "container steps: ok"
