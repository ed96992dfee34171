#!/usr/bin/env bash
# Creates .venv with the pinned Python tools the tests use: moto (AWS emulator), cfn-lint, checkov, and the
# OCSF schema (ocsf-json-schema) with jsonschema that validate the audit's OCSF findings.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: $python not found. The tests need Python 3.9+ for moto and cfn-lint (e.g. apt-get install python3 python3-venv)." >&2
  exit 1
fi
if [ ! -x .venv/bin/pip ]; then
  "$python" -m venv .venv || {
    echo "error: could not create .venv with '$python -m venv' (Debian: apt-get install python3-venv)." >&2
    exit 1
  }
fi
# Reinstall only when the pins changed.
stamp=.venv/.requirements-dev.sha256
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
.venv/bin/moto_server --help >/dev/null
.venv/bin/cfn-lint --version
.venv/bin/checkov --version
.venv/bin/python -c "import jsonschema, ocsf_json_schema"
