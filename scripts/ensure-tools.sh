#!/usr/bin/env bash
# Make sure the tests have the system tools they run besides Chromium (scripts/ensure-chromium.sh):
# Java for the Nu HTML Checker (vnu.jar, pinned in package.json), and poppler-utils (pdftotext,
# pdffonts) to read back the PDFs that `make pdf` prints.
set -euo pipefail

missing=()
if ! { command -v java >/dev/null && java -version >/dev/null 2>&1; }; then missing+=(default-jre-headless); fi
if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then missing+=(poppler-utils); fi

if [ ${#missing[@]} = 0 ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

cat >&2 <<MSG
The tests need these system packages, which are missing: ${missing[*]}
(Java 11 or later runs the Nu HTML Checker; poppler-utils reads the PDFs back.)
Install them, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install ${missing[*]}
  macOS:          brew install openjdk poppler
MSG
exit 1
