#!/usr/bin/env bash
# Make sure the browser tests have a Chromium to drive. Playwright's own browser download
# does not work on closed networks, so the tests use Debian's chromium package.
set -euo pipefail

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium and a Chinese font for the browser tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null
  exit 0
fi

cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM, and it is not installed.
Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install chromium fonts-wqy-microhei
  elsewhere:      install Chromium and run with CHROMIUM=/path/to/chromium make test
MSG
exit 1
