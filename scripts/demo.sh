#!/usr/bin/env bash
# Try the rule without an AWS account: bash scripts/demo.sh
# Starts moto server (the AWS emulator) on a free 127.0.0.1 port, seeds a small sample account, runs
# the audit command from the shaded jar against it (today, then as of 120 days from now), writes the
# HTML report of today's audit to rule-lambda/target/demo-report.html, and stops moto on exit. Needs JDK 17+ and Python 3.9+ (moto is installed into .venv on first use).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/moto_server ] || bash scripts/setup-python.sh
jar=rule-lambda/target/rule-lambda.jar
if [ ! -f "$jar" ]; then
  echo "building $jar (first run only) ..."
  (cd rule-lambda && ../mvnw -q package -DskipTests)
fi

port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
log=$(mktemp -t moto-demo.XXXXXX.log)
.venv/bin/moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do
  .venv/bin/python -c "import sys, urllib.request; urllib.request.urlopen('$endpoint/moto-api/', timeout=1)" 2>/dev/null && break
  kill -0 "$moto_pid" 2>/dev/null || { echo "moto_server exited; its log:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
echo "moto server (AWS emulator) listening on $endpoint"

exempt=stale-cert-exempt
.venv/bin/python scripts/demo_seed.py "$endpoint" "$exempt"

# The audit uses the default credential chain and honours AWS_ENDPOINT_URL: point it at moto.
audit() {
  env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    java -jar "$jar" audit --param exemptTagKey="$exempt" "$@" 2>&1
}

cat <<TEXT

== 1. The audit today ==
\$ java -jar $jar audit --param exemptTagKey=$exempt
   (default parameters: maxCertificateAgeDays=90, expiryWarningDays=30)
TEXT
audit

later=$(date -u -d '+120 days' +%F 2>/dev/null || .venv/bin/python -c 'import datetime; print((datetime.date.today()+datetime.timedelta(days=120)).isoformat())')
cat <<TEXT

== 2. The same account audited as of $later (120 days from now) ==
moto stamps every upload with today's date, so no certificate is old yet. --as-of shows what the
rule will say then: every certificate uploaded today will be about 120 days old, past
maxCertificateAgeDays=90, and carol's will have expired.
\$ java -jar $jar audit --param exemptTagKey=$exempt --as-of $later
TEXT
audit --as-of "$later"

report=rule-lambda/target/demo-report.html
cat <<TEXT

== 3. Today's audit as one HTML page: totals, what turns stale week by week, how to remediate ==
\$ java -jar $jar audit --param exemptTagKey=$exempt --format html > $report
TEXT
env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  java -jar "$jar" audit --param exemptTagKey="$exempt" --format html 2>&1 >"$report"
echo "wrote $report ($(wc -c <"$report") bytes): open it in a browser; it loads nothing from the network."

cat <<TEXT

Notes: the warning about <root_account> is expected here: moto's credential report has no root row
(real AWS always has one). The audit is a dry run: it reports nothing to Config. Stopping moto.
TEXT
