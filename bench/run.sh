#!/usr/bin/env bash
# Load test on 127.0.0.1 (see bench/README.md). Options: bench/run.py --help
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
exec .venv/bin/python bench/run.py "$@"
