#!/usr/bin/env bash
# Install what Encaisse needs: Debian packages (only the missing ones), a virtualenv in .venv, the project.
#   scripts/setup.sh run    what `encaisse serve` needs (the embedded default)
#   scripts/setup.sh test   also PostgreSQL, Redis and Chromium for the test suite (default)
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-test}"
run_packages=(tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng)
test_packages=(postgresql redis-server chromium fonts-dejavu-core faketime)

packages=("${run_packages[@]}")
[ "$profile" = "test" ] && packages+=("${test_packages[@]}")
python3 -c "import ensurepip" >/dev/null 2>&1 || packages+=(python3-venv)  # Debian splits ensurepip out

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 - <<'PY' || { echo "Encaisse needs Python 3.11 or newer" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  python3 -m venv .venv
fi
stamp=.venv/.encaisse-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
