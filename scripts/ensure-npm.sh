#!/usr/bin/env bash
# The Markdown lint and the HTML checker come from npm (package-lock.json): say what to install
# when npm is missing, as ensure-chromium.sh does for the browser.
set -euo pipefail

if command -v npm >/dev/null 2>&1; then
  exit 0
fi

cat >&2 <<MSG
npm was not found. The tests need Node.js 20 with npm for the Markdown lint (markdownlint-cli2)
and the HTML checker (vnu-jar), both pinned in package-lock.json. Install it, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install nodejs npm
  elsewhere:      install Node.js 20, which includes npm
make build and make serve do not need it.
MSG
exit 1
