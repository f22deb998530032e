#!/usr/bin/env bash
# Benchmarks on 127.0.0.1 (see bench/README.md):
#   bench/run.sh courses|verify|issue|pages|checkin|all [--duration 10 --runs 3 …]
# Each run starts its own throw-away PostgreSQL and Redis and stops them after.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
exec .venv/bin/python bench/run.py "$@"
