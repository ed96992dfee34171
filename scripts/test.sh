#!/usr/bin/env bash
# The one test command (README, "Testing"); .ci/run calls it. Installs what it needs, then runs
# every check: unit and integration tests (moto server), the audit command end to end, the CDK
# template tests with cdk-nag, `cdk synth` offline and cfn-lint on the synthesized template.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-python.sh
if [ -f package.json ]; then
  command -v npm >/dev/null || { echo "error: npm not found; install Node.js 20+ (the CDK CLI runs on it)" >&2; exit 1; }
  npm ci --no-audit --no-fund --loglevel=error
fi
./mvnw -B -ntp verify
if [ -f scripts/check-template.sh ]; then
  bash scripts/check-template.sh
fi
# One closing line with the JUnit totals of every module (surefire and failsafe reports).
python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
tests = failed = skipped = 0
for path in glob.glob("*/target/surefire-reports/TEST-*.xml") + glob.glob("*/target/failsafe-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(f"tests: {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
