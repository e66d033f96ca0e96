#!/usr/bin/env bash
# Make sure $VENV is a usable virtual environment with pip, and recreate it when it is not.
# An interrupted `python -m venv` leaves bin/python without pip ("No module named pip"), and
# every later run would fail on it: a venv whose pip does not start is deleted and made again.
# Usage: scripts/ensure-venv.sh VENV PYTHON
set -euo pipefail

VENV=$1
PYTHON=$2

if "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  exit 0
fi

parent=$(dirname "$VENV")
if [ ! -w "$parent" ]; then
  cat >&2 <<MSG
Cannot create the virtual environment $VENV: $parent is not writable (a read-only checkout?).
Put it somewhere writable, and the site too, for example:
  make build VENV=/tmp/handbook-venv SITE_DIR=/tmp/handbook-site
MSG
  exit 1
fi

if [ -e "$VENV" ]; then
  echo "$VENV is incomplete (its pip does not run, an interrupted setup?): creating it again." >&2
  rm -rf "$VENV"
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "$PYTHON not found: install Python 3.11 (or run make with PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
"$PYTHON" -m venv "$VENV"
