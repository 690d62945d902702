#!/usr/bin/env bash
# The Python distribution as users get it: `python -m build` makes the sdist and the wheel, and
# fails here on any warning the build prints; the wheel is then installed into a fresh virtual
# environment with nothing else of this repository, where python/tools/wheel_smoke.py runs.
# Build tools come from PyPI into their own virtual environment (python/.venv-build).
set -euo pipefail
cd "$(dirname "$0")/../python"
here=$PWD

PYTHON="${PYTHON:-python3}"
work=$(mktemp -d "${TMPDIR:-/tmp}/datafold-python-dist.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -x .venv-build/bin/python ]; then
  "$PYTHON" -m venv .venv-build
fi
.venv-build/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip build

echo '== python dist: python -m build (sdist and wheel)'
# PYTHONDONTWRITEBYTECODE, if set, makes setuptools warn that it skips byte-compiling.
env -u PYTHONDONTWRITEBYTECODE .venv-build/bin/python -m build --outdir "$work/dist" . > "$work/build.log" 2>&1 || {
  cat "$work/build.log"
  exit 1
}
if grep -Ei 'warning|deprecat' "$work/build.log"; then
  echo 'python dist: the build printed the warnings above' >&2
  exit 1
fi
ls "$work/dist"
for archive in "$work"/dist/*.tar.gz "$work"/dist/*.whl; do
  if ! python3 -c 'import sys,tarfile,zipfile
a=sys.argv[1]
names=zipfile.ZipFile(a).namelist() if a.endswith(".whl") else tarfile.open(a).getnames()
sys.exit(0 if any(n.endswith("LICENSE") for n in names) else 1)' "$archive"; then
    echo "python dist: no LICENSE in $archive" >&2
    exit 1
  fi
done

echo '== python dist: the wheel in a fresh virtual environment'
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/*.whl
# From outside the source tree, so that only the installed datafold_sdk can be imported.
(cd "$work" && "$work/venv/bin/python" "$here/tools/wheel_smoke.py" "$here/../vectors/backup/backup-v1.json")
