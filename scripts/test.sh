#!/usr/bin/env bash
# The one test command (README, "Start"; docs/testing.md); .ci/run calls it. Installs what it needs, then runs
# every check: unit and integration tests (moto server; the HTML report in headless Chromium; the OCSF
# findings against the OCSF schema), the audit command end to end, the CDK
# template tests with cdk-nag, `cdk synth` offline and cfn-lint and checkov on the synthesized templates, the
# benchmark still compiling, and the demo running.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-python.sh
# AWS's Lambda Runtime Interface Emulator, built from source with Go (cached): LambdaRuntimeIT runs both functions under it.
bash scripts/setup-rie.sh
# The HTML report's browser test runs Debian's headless Chromium.
bash scripts/setup-chromium.sh
if [ -f package.json ]; then
  command -v npm >/dev/null || { echo "error: npm not found; install Node.js 20+ (the CDK CLI runs on it)" >&2; exit 1; }
  npm ci --no-audit --no-fund --loglevel=error
fi
# The unit tests first, on a tree with nothing built (no rule-lambda.jar): what the README's `./mvnw test`
# promises on a fresh clone. Then `verify` packages and runs the integration tests without running them again.
./mvnw -B -ntp clean test
./mvnw -B -ntp verify -DskipUnitTests
bash scripts/check-template.sh
bash scripts/test-cdk-app.sh
# The benchmark is not part of pass/fail, but it must keep compiling against the jar.
./mvnw -B -ntp -q -Pbench -pl bench -am package -DskipTests
# The demo is the first thing a new user runs: it must work on a fresh clone.
demo_log=$(mktemp -t demo.XXXXXX.log)
bash scripts/demo.sh > "$demo_log" 2>&1 || { cat "$demo_log" >&2; echo "error: scripts/demo.sh failed" >&2; exit 1; }
grep -q "NON_COMPLIANT" "$demo_log" || { cat "$demo_log" >&2; echo "error: the demo printed no verdicts" >&2; exit 1; }
rm -f "$demo_log"
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
