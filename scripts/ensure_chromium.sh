#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when missing and we may.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$chromium" ]] && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "Chromium is missing: run 'apt-get install -y chromium' as root, or set CHROMIUM_PATH." >&2
exit 1
