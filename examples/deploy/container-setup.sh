#!/bin/sh
# The container image's setup steps (examples/deploy/Dockerfile runs them), kept in a script so
# the tests run the same steps outside a container (check-container-steps.sh):
#   container-setup.sh install TARBALL_DIR PREFIX   datafold-server from its npm tarballs into PREFIX
#   container-setup.sh user                          the `datafold` system user (no login shell) and
#                                                    its data directory /var/lib/datafold (0700)
# SYSROOT (default empty: this system) applies the user step to another tree's /etc and /var.
set -eu
DATA_DIR=/var/lib/datafold
SYSROOT=${SYSROOT:-}

case "${1:-}" in
install)
  tarballs=${2:?usage: container-setup.sh install TARBALL_DIR PREFIX}
  prefix=${3:?usage: container-setup.sh install TARBALL_DIR PREFIX}
  # A throwaway npm cache, so the image (or the machine running the tests) keeps none.
  cache=$(mktemp -d)
  npm install -g --prefix "$prefix" --cache "$cache" --omit=dev --no-audit --no-fund \
    "$tarballs"/*.tgz
  rm -rf "$cache"
  ;;
user)
  if [ -n "$SYSROOT" ]; then at="--prefix $SYSROOT"; else at=""; fi
  # shellcheck disable=SC2086 # $at is either empty or two words
  groupadd $at --system datafold
  # shellcheck disable=SC2086
  useradd $at --system --gid datafold --home-dir "$DATA_DIR" --no-create-home \
    --shell /usr/sbin/nologin datafold
  uid=$(awk -F: '$1 == "datafold" { print $3 }' "$SYSROOT/etc/passwd")
  gid=$(awk -F: '$1 == "datafold" { print $3 }' "$SYSROOT/etc/group")
  install -d -m 0700 "$SYSROOT$DATA_DIR"
  chown "$uid:$gid" "$SYSROOT$DATA_DIR"
  ;;
*)
  echo "usage: container-setup.sh install TARBALL_DIR PREFIX | user" >&2
  exit 2
  ;;
esac
