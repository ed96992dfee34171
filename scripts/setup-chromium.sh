#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report's browser test (HtmlReportBrowserIT), pinned to the
# version below where the archive still has it. Debian's security archive keeps only the newest build,
# so when the pinned one is gone the current one is installed, with a note naming both.
set -euo pipefail
pinned=156.0.8078.114-1~deb12u1
installed=$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || true)
if [ "$installed" = "$pinned" ] && command -v chromium >/dev/null; then
  exit 0
fi
if [ -n "$installed" ] && [ "${CI:-}" != "true" ]; then
  echo "note: chromium $installed is installed (pinned: $pinned); using it" >&2
  exit 0
fi
command -v apt-get >/dev/null || {
  echo "error: chromium not found and no apt-get: install Chromium (Debian: apt-get install chromium) for the report's browser test" >&2
  exit 1
}
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if ! $sudo apt-get install -y -qq "chromium=$pinned" "chromium-common=$pinned" >/dev/null; then
  echo "note: chromium $pinned is no longer in the archive; installing the current one: $(apt-cache policy chromium | sed -n 's/ *Candidate: //p')" >&2
  $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --version 2>/dev/null | grep -v 'unexpected operator' || true
