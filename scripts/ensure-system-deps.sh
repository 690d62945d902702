#!/usr/bin/env bash
# Installs the system packages the test suites drive for real, from Debian's archive:
#   chromium       browser tests (driven by playwright-core; browser downloads do not work here)
#   argon2         the Argon2 C reference, the KDF tests' and benchmarks' baseline
#   redis-server   shared rate limits and replay store tests
#   postgresql     the server suite against a throwaway PostgreSQL cluster
#   sqlite3 jq curl  used by the runnable examples of docs/guides
#   zsh fish groff   the CLI's completion scripts and man page, checked by the shells and groff
#   openssh-client   ssh-keygen, the independent check of the key fingerprint vectors
# Needs root for apt-get; otherwise it prints the command to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v argon2 >/dev/null 2>&1 || missing+=(argon2)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
for tool in sqlite3 jq curl zsh fish groff; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
