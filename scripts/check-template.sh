#!/usr/bin/env bash
# Synthesizes the CDK app offline (no AWS credentials, no network) and lints the template with cfn-lint.
# Assumes `./mvnw package` ran (cdk/target/classes, cdk/target/lib, rule-lambda/target/rule-lambda.jar),
# `npm ci` installed the pinned CDK CLI and scripts/setup-python.sh made .venv with cfn-lint.
set -euo pipefail
cd "$(dirname "$0")/.."

for need in cdk/target/classes cdk/target/lib rule-lambda/target/rule-lambda.jar; do
  [ -e "$need" ] || { echo "error: $need is missing; run ./mvnw package first" >&2; exit 1; }
done
[ -x node_modules/.bin/cdk ] || { echo "error: the CDK CLI is not installed; run npm ci first" >&2; exit 1; }
[ -x .venv/bin/cfn-lint ] || { echo "error: .venv/bin/cfn-lint is missing; run scripts/setup-python.sh first" >&2; exit 1; }

# Nothing here may reach AWS: no credentials or profile, an unroutable endpoint for anything that
# tries anyway, no version check, no notices, no telemetry. The stack is environment-agnostic, so
# synth needs no account lookups.
export CDK_DISABLE_VERSION_CHECK=true
export CDK_DISABLE_CLI_TELEMETRY=true
export AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= AWS_SESSION_TOKEN= AWS_PROFILE=
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1

# Two variants: the defaults (cdk.json), and every optional part switched on.
rm -rf cdk.out cdk.out.all-options
npx --no-install cdk synth --quiet --no-notices --no-version-reporting --no-lookups -o cdk.out
npx --no-install cdk synth --quiet --no-notices --no-version-reporting --no-lookups -o cdk.out.all-options \
  -c automaticRemediation=true -c notificationEmail=security@example.com -c securityHubAutomationRules=true

shopt -s nullglob
templates=(cdk.out/*.template.json cdk.out.all-options/*.template.json)
[ ${#templates[@]} -eq 2 ] || { echo "error: cdk synth did not write both templates" >&2; exit 1; }

# cfn-lint exits 2 for errors, 4 for warnings, 8 for informational (bit flags). Errors fail the
# check, and so do warnings: there are none today, and a new one must be fixed or acknowledged here and in docs/operations.md.
status=0
.venv/bin/cfn-lint --format parseable -- "${templates[@]}" || status=$?
if (( status & 2 )) || (( status & 4 )) || (( status & 1 )) || (( status & 32 )); then
  echo "error: cfn-lint found errors or warnings in ${templates[*]}" >&2
  exit 1
fi
echo "template check passed: ${templates[*]}"
