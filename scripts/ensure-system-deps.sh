#!/usr/bin/env bash
# Installs the system packages the test suites drive for real: Debian's Chromium (browser tests,
# driven by playwright-core; browser downloads do not work here) and the Argon2 C reference
# (the benchmarks' baseline). Needs root for apt-get; otherwise says what to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v argon2 >/dev/null 2>&1 || missing+=(argon2)

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
