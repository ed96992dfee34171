#!/usr/bin/env bash
# The CDK app as cdk.json starts it (`npx cdk synth`, `npx cdk deploy`): runs the Java app from
# cdk/target, building it first when it is not there yet (a fresh clone) or is older than a pom.xml or
# a main source (a stale cdk/target/lib misses a dependency a pom added: ClassNotFoundException).
set -euo pipefail
cd "$(dirname "$0")/.."

# Every `./mvnw package` rewrites the rule's shaded jar, then builds the cdk module (classes, lib/):
# the jar's time is when the app was last built.
BUILT_AT=rule-lambda/target/rule-lambda.jar

built() {
  [ -d cdk/target/classes ] && [ -d cdk/target/lib ] && [ -f "$BUILT_AT" ]
}

# The first pom.xml or main source file (or source directory: a file added or removed) newer than the build.
changed_since_build() {
  find pom.xml ./*/pom.xml cdk/src/main rule-lambda/src/main -newer "$BUILT_AT" -print -quit 2>/dev/null || true
}

reason=
if ! built; then
  reason="the Java app is not built yet"
else
  changed=$(changed_since_build)
  [ -z "$changed" ] || reason="${changed#./} changed since the last build"
fi
if [ -n "$reason" ]; then
  echo "cdk-app: $reason; building it with ./mvnw -B -q -ntp package -DskipTests" >&2
  ./mvnw -B -q -ntp package -DskipTests >&2 && built \
    || { echo "cdk-app: the build failed; run ./mvnw -B package -DskipTests and fix what it reports, then run cdk again" >&2; exit 1; }
fi
exec java -cp "cdk/target/classes:cdk/target/lib/*" io.github.stalecerts.cdk.StaleSigningCertificatesApp
