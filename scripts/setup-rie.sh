#!/usr/bin/env bash
# Builds AWS's Lambda Runtime Interface Emulator (the `aws-lambda-rie` that AWS's Lambda base images
# start as their front process) from source with Go, pinned, into .cache/rie/ (gitignored); reused
# when that version is already there. The cdk module's LambdaRuntimeIT runs both functions under it.
set -euo pipefail
cd "$(dirname "$0")/.."
module=github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie
version=v0.0.0-20261030222936-bef5c4ba774d
dir=.cache/rie/$version
if [ ! -x "$dir/aws-lambda-rie" ]; then
  command -v go >/dev/null || { echo "error: go not found; the Lambda runtime test builds AWS's runtime interface emulator with Go 1.26.6+ (go.dev/dl)" >&2; exit 1; }
  mkdir -p "$dir"
  GOBIN="$PWD/$dir" CGO_ENABLED=0 go install "$module@$version"
fi
# The integration test runs .cache/rie/aws-lambda-rie: the pinned version above.
ln -sfn "$version/aws-lambda-rie" .cache/rie/aws-lambda-rie
echo "$PWD/$dir/aws-lambda-rie"
