#!/usr/bin/env bash
# The CDK app as cdk.json starts it (`npx cdk synth`, `npx cdk deploy`): runs the Java app from
# cdk/target, building the jar and the classes first when they are not there yet (a fresh clone).
set -euo pipefail
cd "$(dirname "$0")/.."

built() {
  [ -d cdk/target/classes ] && [ -d cdk/target/lib ] && [ -f rule-lambda/target/rule-lambda.jar ]
}

if ! built; then
  echo "cdk-app: the Java app is not built yet; building it with ./mvnw -B -q -ntp package -DskipTests" >&2
  ./mvnw -B -q -ntp package -DskipTests >&2 && built \
    || { echo "cdk-app: the build failed; run ./mvnw -B package -DskipTests and fix what it reports, then run cdk again" >&2; exit 1; }
fi
exec java -cp "cdk/target/classes:cdk/target/lib/*" io.github.stalecerts.cdk.StaleSigningCertificatesApp
