#!/usr/bin/env bash
# Tests scripts/cdk-app.sh (what cdk.json runs) in a scratch copy of the repository's layout, with a
# stand-in ./mvnw (records each build, makes the outputs, or fails on request) and a stand-in `java`
# (records that the app started): it builds on a fresh clone and after a pom.xml or a main source changed,
# not otherwise, and a failed build stops with its one-line message before the app starts.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d -t cdk-app-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo/scripts" "$repo/cdk/src/main/java" "$repo/rule-lambda/src/main/java" "$work/bin"
cp scripts/cdk-app.sh "$repo/scripts/"
touch "$repo/pom.xml" "$repo/cdk/pom.xml" "$repo/rule-lambda/pom.xml" \
  "$repo/cdk/src/main/java/App.java" "$repo/rule-lambda/src/main/java/Rule.java"

cat > "$repo/mvnw" <<'SH'
#!/usr/bin/env bash
echo build >> "$LOG"
[ -z "${FAIL_BUILD:-}" ] || { echo "[ERROR] compilation failure" >&2; exit 1; }
mkdir -p cdk/target/classes cdk/target/lib rule-lambda/target
touch rule-lambda/target/rule-lambda.jar
SH
cat > "$work/bin/java" <<'SH'
#!/usr/bin/env bash
echo "java $*" >> "$LOG"
SH
chmod +x "$repo/mvnw" "$work/bin/java"
export PATH="$work/bin:$PATH" LOG="$work/log"

failures=0
# run NAME EXPECTED_LOG: runs the app once and compares what it did (builds, app start) with EXPECTED_LOG.
run() {
  local name=$1 expected=$2 status=0
  : > "$LOG"
  bash "$repo/scripts/cdk-app.sh" 2> "$work/stderr" || status=$?
  local actual
  actual=$(sed 's/^java .*/java/' "$LOG" | tr '\n' ' ' | sed 's/ $//')
  if [ "$actual" != "$expected" ]; then
    echo "FAIL $name: expected '$expected', got '$actual' (exit $status); stderr: $(cat "$work/stderr")" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
  return 0
}
# The build's outputs a minute old, everything else two minutes old: nothing changed since the build.
settle() {
  find "$repo" -path "$repo/*/target*" -prune -o -exec touch -d '2 minutes ago' {} +
  touch -d '1 minute ago' "$repo/rule-lambda/target/rule-lambda.jar"
}

run "a fresh clone is built, then the app starts" "build java"
grep -q "not built yet" "$work/stderr" || { echo "FAIL the fresh-clone message: $(cat "$work/stderr")" >&2; failures=$((failures + 1)); }
settle
run "nothing changed: no build" "java"
touch "$repo/cdk/pom.xml"
run "a module's pom.xml changed: rebuilt" "build java"
grep -q "cdk/pom.xml changed since the last build" "$work/stderr" \
  || { echo "FAIL the message names the changed file: $(cat "$work/stderr")" >&2; failures=$((failures + 1)); }
settle
touch "$repo/pom.xml"
run "the parent pom.xml changed: rebuilt" "build java"
settle
touch "$repo/cdk/src/main/java/App.java"
run "a CDK source changed: rebuilt" "build java"
settle
touch "$repo/rule-lambda/src/main/java/Rule.java"
run "a rule source changed: rebuilt" "build java"
settle
rm "$repo/rule-lambda/src/main/java/Rule.java"
run "a rule source removed: rebuilt" "build java"
settle
touch "$repo/cdk/src/test-only-file"
run "a file outside pom.xml and src/main changed: no build" "java"
settle
rm -rf "$repo/cdk/target/lib"
run "cdk/target/lib missing: rebuilt" "build java"
settle
touch "$repo/cdk/src/main/java/App.java"
FAIL_BUILD=1 run "a failed build stops before the app" "build"
if [ "$(grep -c . "$work/stderr")" != 3 ] || ! tail -1 "$work/stderr" | grep -q "^cdk-app: the build failed; run ./mvnw -B package -DskipTests"; then
  echo "FAIL the failed build's output: announcement, Maven's own error, one closing line: $(cat "$work/stderr")" >&2
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "error: $failures scripts/cdk-app.sh test(s) failed" >&2; exit 1; }
echo "scripts/cdk-app.sh: all tests passed"
