#!/usr/bin/env bash
# Fail with a clear message when an output directory cannot be written (a read-only checkout).
# Usage: scripts/ensure-writable.sh DIR...  (a directory that does not exist yet is checked at
# its nearest existing parent)
set -euo pipefail

for target in "$@"; do
  probe=$target
  while [ ! -e "$probe" ]; do
    probe=$(dirname "$probe")
  done
  if [ ! -w "$probe" ]; then
    cat >&2 <<MSG
Cannot write $target: $probe is not writable (a read-only checkout?).
Choose writable places for the output and the environment, for example:
  make build SITE_DIR=/tmp/handbook-site VENV=/tmp/handbook-venv
MSG
    exit 1
  fi
done
