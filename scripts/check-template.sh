#!/usr/bin/env bash
# Synthesizes the CDK app offline (no AWS credentials, no network), the organization stack included, and checks
# every template with cfn-lint and checkov: the single-account stack, the organization stack, and the template
# its StackSet deploys to member accounts. (cdk-nag's three packs run inside every synth.)
# Assumes `./mvnw package` ran (cdk/target/classes, cdk/target/lib, rule-lambda/target/rule-lambda.jar),
# `npm ci` installed the pinned CDK CLI and scripts/setup-python.sh made .venv with cfn-lint.
set -euo pipefail
cd "$(dirname "$0")/.."

for need in cdk/target/classes cdk/target/lib rule-lambda/target/rule-lambda.jar; do
  [ -e "$need" ] || { echo "error: $need is missing; run ./mvnw package first" >&2; exit 1; }
done
[ -x node_modules/.bin/cdk ] || { echo "error: the CDK CLI is not installed; run npm ci first" >&2; exit 1; }
[ -x .venv/bin/cfn-lint ] || { echo "error: .venv/bin/cfn-lint is missing; run scripts/setup-python.sh first" >&2; exit 1; }
[ -x .venv/bin/checkov ] || { echo "error: .venv/bin/checkov is missing; run scripts/setup-python.sh first" >&2; exit 1; }

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

# Four variants: the defaults (cdk.json); every setting off its default (every optional part switched on,
# reserved concurrency off); the organization stack (which also holds the single-account stack, for the
# management account) as its deploy command synthesizes it; and the organization stack with every setting
# off its default.
synth() { npx --no-install cdk synth --quiet --no-notices --no-version-reporting --no-lookups "$@"; }
all_options=(-c automaticRemediation=true -c notificationEmail=security@example.com -c securityHubAutomationRules=true
  -c reservedConcurrency=false)
rm -rf cdk.out cdk.out.all-options cdk.out.org cdk.out.org-all-options
synth -o cdk.out
synth -o cdk.out.all-options "${all_options[@]}"
synth StaleSigningCertificatesOrg -o cdk.out.org -c organizationalUnitIds=ou-abcd-11111111
synth -o cdk.out.org-all-options -c organizationalUnitIds=ou-abcd-11111111,r-abcd -c callAs=SELF "${all_options[@]}"

# A bad OU id stops the synth with a message naming the key.
bad_log=$(mktemp -t synth-bad-ou.XXXXXX.log)
bad_out=$(mktemp -d -t synth-bad-ou.XXXXXX)
if synth StaleSigningCertificatesOrg -o "$bad_out" -c organizationalUnitIds=ou-nope >"$bad_log" 2>&1; then
  echo "error: cdk synth accepted organizationalUnitIds=ou-nope" >&2; exit 1
fi
grep -q "organizationalUnitIds" "$bad_log" || { cat "$bad_log" >&2; echo "error: the bad-OU error does not name the key" >&2; exit 1; }
rm -rf "$bad_log" "$bad_out"

# The StackSet's TemplateBody (what every member account deploys) is a template of its own: lint it too.
for dir in cdk.out.org cdk.out.org-all-options; do
  .venv/bin/python - "$dir" <<'PY'
import json, sys
out = sys.argv[1]
template = json.load(open(f"{out}/StaleSigningCertificatesOrg.template.json"))
bodies = [r["Properties"]["TemplateBody"] for r in template["Resources"].values()
          if r["Type"] == "AWS::CloudFormation::StackSet"]
if len(bodies) != 1:
    sys.exit(f"error: {out}: expected one StackSet, found {len(bodies)}")
with open(f"{out}/StackSetMember.template.json", "w") as f:
    f.write(bodies[0])
PY
done

shopt -s nullglob
templates=(cdk.out/*.template.json cdk.out.all-options/*.template.json cdk.out.org/*.template.json cdk.out.org-all-options/*.template.json)
[ ${#templates[@]} -eq 8 ] || { echo "error: expected 8 templates (2 single-account, 2 x (single-account, organization, StackSet member)), got ${#templates[@]}: ${templates[*]}" >&2; exit 1; }

# cfn-lint exits 2 for errors, 4 for warnings, 8 for informational (bit flags). Errors fail the
# check, and so do warnings: there are none today, and a new one must be fixed or acknowledged here and in docs/operations.md.
status=0
.venv/bin/cfn-lint --format parseable -- "${templates[@]}" || status=$?
if (( status & 2 )) || (( status & 4 )) || (( status & 1 )) || (( status & 32 )); then
  echo "error: cfn-lint found errors or warnings in ${templates[*]}" >&2
  exit 1
fi

# checkov (pinned in requirements-dev.txt) on the same templates, offline (--skip-download: no policy or
# metadata download). It exits non-zero on any failed check. Every check it skips is a resource's own
# Metadata skip with its reason (cdk/src/main/java/.../NagChecks.java); docs/security.md gives the figures.
files=()
for template in "${templates[@]}"; do files+=(-f "$template"); done
.venv/bin/checkov --skip-download --framework cloudformation --compact --quiet "${files[@]}" || {
  echo "error: checkov found failed checks in ${templates[*]}" >&2
  exit 1
}

# cdk-nag acknowledgements per stack and pack (what the synth accepted with a written reason; an
# unacknowledged finding would have stopped the synth above).
.venv/bin/python - cdk.out.org-all-options <<'PY'
import collections, glob, json, sys
for path in sorted(glob.glob(f"{sys.argv[1]}/*.metadata.json")):
    counts = collections.Counter()
    for entries in json.load(open(path)).values():
        for entry in entries:
            if entry.get("type") == "aws:cdk:acknowledged-rules":
                for finding in entry["data"]:
                    counts[finding.replace("Annotation::", "").split("-")[0]] += 1
    stack = path.rsplit("/", 1)[1].removesuffix(".metadata.json")
    print(f"cdk-nag acknowledgements in {stack}: " + ", ".join(f"{p} {n}" for p, n in sorted(counts.items())))
PY
echo "template check passed (cfn-lint, checkov): ${templates[*]}"
