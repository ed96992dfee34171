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
echo "all checks passed"
