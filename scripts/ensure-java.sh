#!/usr/bin/env bash
# Make sure the HTML tests have Java for the Nu HTML Checker (vnu.jar, pinned in package.json).
set -euo pipefail

if command -v java >/dev/null && java -version >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Java for the Nu HTML Checker (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
  exit 0
fi

cat >&2 <<MSG
The HTML tests run the Nu HTML Checker, which needs Java (11 or later), and no java was found.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install default-jre-headless
  macOS:          brew install openjdk
MSG
exit 1
